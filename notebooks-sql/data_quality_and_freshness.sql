-- %% [markdown]
-- # Data quality and freshness at the as-of date
--
-- **Who asks:** the CRM owner and the data steward.
-- **Why:** a dashboard is only as good as the records behind it. This notebook starts from the
-- `record_freshness` and `source_freshness` marts and then lists the records and events behind
-- each figure, so that "69% stale" becomes a list of records someone can update.
--
-- The as-of date A is the last date of `adoption_daily` (the job's `--as-of`). Days since update are
-- `A - date(last_modified_at)`; a record is stale after more than 30 (or 90) days without an update.

-- %%
SELECT team,
       sum(records) AS records,
       sum(open_records) AS open_records,
       sum(stale_30d) AS stale_30d,
       round(sum(stale_30d) / nullif(sum(open_records), 0), 3) AS stale_share_30d,
       sum(stale_90d) AS stale_90d,
       sum(duplicate_records) AS duplicate_records,
       round(sum(duplicate_records) / nullif(sum(records), 0), 4) AS duplicate_rate
FROM record_freshness
GROUP BY team
ORDER BY team = '__all__', stale_share_30d DESC NULLS LAST, team;

-- %% [markdown]
-- ## Behind `stale_90d`: the open records nobody has touched for more than 90 days
-- Oldest first, with the owner to ask. Records whose owner is not in `users` are team `unknown`.

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT coalesce(u.team, 'unknown') AS team,
       r.object_type,
       r.record_id,
       u.display_name AS owner,
       datediff(a.as_of, to_date(r.last_modified_at)) AS days_since_update,
       r.source_system
FROM records r
CROSS JOIN a
LEFT JOIN users u ON u.user_key = r.owner_key
WHERE NOT r.is_closed AND datediff(a.as_of, to_date(r.last_modified_at)) > 90
ORDER BY days_since_update DESC, team, r.record_id;

-- %% [markdown]
-- ## Behind `duplicate_records`: every duplicate group, original first
-- Records sharing `(object_type, dedupe_key)`; the oldest (earliest `created_at`, then smallest
-- `record_id`) is the original, every later one a copy counted for its own owner's team. The
-- `source_system` column shows where the copies come from.

-- %%
WITH ranked AS (
    SELECT r.*,
           row_number() OVER (PARTITION BY object_type, dedupe_key ORDER BY created_at, record_id) AS position,
           count(*) OVER (PARTITION BY object_type, dedupe_key) AS group_size
    FROM records r
    WHERE dedupe_key IS NOT NULL
)
SELECT object_type, dedupe_key, position, CASE WHEN position = 1 THEN 'original' ELSE 'copy' END AS role,
       record_id, coalesce(u.team, 'unknown') AS team, source_system, created_at
FROM ranked
LEFT JOIN users u ON u.user_key = ranked.owner_key
WHERE group_size > 1
ORDER BY object_type, dedupe_key, position;

-- %% [markdown]
-- ## Where the copies come from
-- Copies by source system: a source that creates most of them is the one to fix.

-- %%
WITH ranked AS (
    SELECT source_system,
           row_number() OVER (PARTITION BY object_type, dedupe_key ORDER BY created_at, record_id) AS position
    FROM records
    WHERE dedupe_key IS NOT NULL
)
SELECT source_system, count(*) AS copies
FROM ranked
WHERE position > 1
GROUP BY source_system
ORDER BY copies DESC, source_system;

-- %% [markdown]
-- ## Sources: how late and how often failing
-- `source_freshness` as the job computed it, then each source's events per day over the last 14
-- days, to see whether a feed has stopped or is failing more than usual.

-- %%
SELECT source, events, last_event_at, last_ingested_at,
       round(lag_p50_seconds) AS lag_p50_seconds, round(lag_p95_seconds) AS lag_p95_seconds,
       round(failure_rate_7d, 4) AS failure_rate_7d, round(hours_since_last_event, 1) AS hours_since_last_event
FROM source_freshness
ORDER BY source;

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT e.source, e.event_date, count(*) AS events, count_if(e.status = 'failure') AS failures
FROM events e CROSS JOIN a
WHERE e.event_date BETWEEN date_sub(a.as_of, 13) AND a.as_of
GROUP BY e.source, e.event_date
ORDER BY e.source, e.event_date;

-- %% [markdown]
-- ## Reconciliation
-- `stale_30d` and `duplicate_records` recomputed from the `records` table, per team and object
-- type, next to the mart. The cell lists the rows that differ: it should list none.

-- %%
-- check: record_freshness stale_30d and duplicate_records, recomputed from records
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
ranked AS (
    SELECT r.*, row_number() OVER (PARTITION BY object_type, dedupe_key ORDER BY created_at, record_id) AS position
    FROM records r
),
recomputed AS (
    SELECT coalesce(u.team, 'unknown') AS team, ranked.object_type,
           count_if(NOT is_closed AND datediff(a.as_of, to_date(last_modified_at)) > 30) AS stale_30d,
           count_if(dedupe_key IS NOT NULL AND position > 1) AS duplicate_records
    FROM ranked CROSS JOIN a
    LEFT JOIN users u ON u.user_key = ranked.owner_key
    GROUP BY coalesce(u.team, 'unknown'), ranked.object_type
)
SELECT m.team, m.object_type, m.stale_30d, r.stale_30d AS recomputed_stale_30d,
       m.duplicate_records, r.duplicate_records AS recomputed_duplicate_records
FROM record_freshness m
FULL OUTER JOIN recomputed r ON r.team = m.team AND r.object_type = m.object_type
WHERE m.team IS DISTINCT FROM '__all__'
  AND (m.stale_30d IS DISTINCT FROM r.stale_30d OR m.duplicate_records IS DISTINCT FROM r.duplicate_records);
