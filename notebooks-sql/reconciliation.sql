-- %% [markdown]
-- # Do the marts match the warehouse?
--
-- **Who asks:** the data steward, after every job run and before the figures go to management.
-- **Why:** every other notebook, and the dashboard, reads the marts and trusts them. This one does
-- not: it recomputes a figure of each area straight from the warehouse tables, independently of the
-- job's code, and lists every row where the mart and the recomputation differ. It is the one place
-- that deliberately computes KPIs a second time, to audit them; an analyst notebook never does.
--
-- Each cell below is a check (its first line is `-- check: ...`): it passes when it lists nothing,
-- and `./uptake sql` exits with status 1 if any lists a row. The as-of date A is the last date of
-- `adoption_daily`. Licensed on A: a person (licence not `integration`) with `activated_at <= A` and
-- no `deactivated_at` on or before A. Active: a successful web or mobile event.

-- %% user_activity status
-- check: user_activity status, recomputed from users and events
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
last_active AS (
    SELECT e.user_key, max(e.event_date) AS last_active_at
    FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile') AND e.event_date <= a.as_of
    GROUP BY e.user_key
),
recomputed AS (
    SELECT u.user_key,
           CASE WHEN NOT (u.activated_at <= a.as_of AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)) THEN 'unlicensed'
                WHEN l.last_active_at IS NULL THEN 'never_active'
                WHEN l.last_active_at >= date_sub(a.as_of, 27) THEN 'active'
                ELSE 'dormant' END AS status
    FROM users u CROSS JOIN a
    LEFT JOIN last_active l ON l.user_key = u.user_key
    WHERE u.license_type <> 'integration'
)
SELECT coalesce(m.user_key, r.user_key) AS user_key, m.display_name, m.team, m.status, r.status AS recomputed_status
FROM user_activity m
FULL OUTER JOIN recomputed r ON r.user_key = m.user_key
WHERE m.status IS DISTINCT FROM r.status;

-- %% user_activity against adoption_daily
-- check: user_activity statuses add up to adoption_daily's licensed_users and mau at A, per team
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
counted AS (
    SELECT team, count_if(status = 'active') AS active, count_if(status <> 'unlicensed') AS licensed
    FROM user_activity GROUP BY team
    UNION ALL
    SELECT '__all__', count_if(status = 'active'), count_if(status <> 'unlicensed') FROM user_activity
)
SELECT coalesce(d.team, c.team) AS team, d.licensed_users, c.licensed AS user_activity_licensed, d.mau,
       c.active AS user_activity_active
FROM (SELECT ad.* FROM adoption_daily ad CROSS JOIN a WHERE ad.date = a.as_of AND ad.licensed_users > 0) d
FULL OUTER JOIN counted c ON c.team = d.team
WHERE d.licensed_users IS DISTINCT FROM c.licensed OR d.mau IS DISTINCT FROM c.active;

-- %% record_freshness
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
SELECT coalesce(m.team, r.team) AS team, coalesce(m.object_type, r.object_type) AS object_type,
       m.stale_30d, r.stale_30d AS recomputed_stale_30d,
       m.duplicate_records, r.duplicate_records AS recomputed_duplicate_records
FROM (SELECT * FROM record_freshness WHERE team <> '__all__') m
FULL OUTER JOIN recomputed r ON r.team = m.team AND r.object_type = m.object_type
WHERE m.stale_30d IS DISTINCT FROM r.stale_30d OR m.duplicate_records IS DISTINCT FROM r.duplicate_records;

-- %% record_owners
-- check: record_owners stale_90d and duplicate_records per owner, recomputed from records
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
ranked AS (
    SELECT r.*, row_number() OVER (PARTITION BY object_type, dedupe_key ORDER BY created_at, record_id) AS position
    FROM records r
),
recomputed AS (
    SELECT owner_key,
           count(*) AS records,
           count_if(NOT is_closed AND datediff(a.as_of, to_date(last_modified_at)) > 90) AS stale_90d,
           count_if(dedupe_key IS NOT NULL AND position > 1) AS duplicate_records
    FROM ranked CROSS JOIN a
    GROUP BY owner_key
)
SELECT coalesce(m.owner_key, r.owner_key) AS owner_key, m.display_name, m.records, r.records AS recomputed_records,
       m.stale_90d, r.stale_90d AS recomputed_stale_90d,
       m.duplicate_records, r.duplicate_records AS recomputed_duplicate_records
FROM record_owners m
FULL OUTER JOIN recomputed r ON r.owner_key = m.owner_key
WHERE m.records IS DISTINCT FROM r.records OR m.stale_90d IS DISTINCT FROM r.stale_90d
   OR m.duplicate_records IS DISTINCT FROM r.duplicate_records;

-- %% source_freshness
-- check: source_freshness events and failure_rate_7d, recomputed from events
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
recomputed AS (
    SELECT e.source, count(*) AS events,
           count_if(e.status = 'failure' AND e.event_date >= date_sub(a.as_of, 6))
               / nullif(count_if(e.event_date >= date_sub(a.as_of, 6)), 0) AS failure_rate_7d
    FROM events e CROSS JOIN a
    WHERE e.event_date <= a.as_of
    GROUP BY e.source
)
SELECT coalesce(m.source, r.source) AS source, m.events, r.events AS recomputed_events,
       m.failure_rate_7d, r.failure_rate_7d AS recomputed_failure_rate_7d
FROM source_freshness m
FULL OUTER JOIN recomputed r ON r.source = m.source
WHERE m.events IS DISTINCT FROM r.events
   OR NOT (abs(m.failure_rate_7d - r.failure_rate_7d) < 1e-9 OR (m.failure_rate_7d IS NULL AND r.failure_rate_7d IS NULL));

-- %% training_gap
-- check: training_gap using_untrained and trained_not_using, recomputed from users, events and training
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
licensed AS (
    SELECT u.user_key, u.team FROM users u CROSS JOIN a
    WHERE u.license_type <> 'integration' AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
),
active AS (
    SELECT DISTINCT e.user_key, e.module FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN date_sub(a.as_of, 27) AND a.as_of
),
trained AS (
    SELECT DISTINCT t.user_key, t.module FROM training t CROSS JOIN a WHERE t.completed_at <= a.as_of
),
pairs AS (
    SELECT l.team, m.module,
           act.user_key IS NOT NULL AS is_active, tr.user_key IS NOT NULL AS is_trained
    FROM licensed l
    JOIN (SELECT user_key, module FROM active UNION SELECT user_key, module FROM trained) m ON m.user_key = l.user_key
    LEFT JOIN active act ON act.user_key = m.user_key AND act.module = m.module
    LEFT JOIN trained tr ON tr.user_key = m.user_key AND tr.module = m.module
),
recomputed AS (
    SELECT team, module, count_if(is_active AND NOT is_trained) AS using_untrained,
           count_if(is_trained AND NOT is_active) AS trained_not_using
    FROM pairs GROUP BY team, module
)
SELECT g.team, g.module, g.using_untrained, coalesce(r.using_untrained, 0) AS recomputed_using_untrained,
       g.trained_not_using, coalesce(r.trained_not_using, 0) AS recomputed_trained_not_using
FROM training_gap g
LEFT JOIN recomputed r ON r.team = g.team AND r.module = g.module
WHERE g.team <> '__all__'
  AND (g.using_untrained <> coalesce(r.using_untrained, 0) OR g.trained_not_using <> coalesce(r.trained_not_using, 0));

-- %% training_users against training_gap
-- check: training_users lists as many people per team, module and list as training_gap counts
WITH listed AS (
    SELECT team, module, count_if(list = 'trained_not_using') AS trained_not_using,
           count_if(list = 'using_untrained') AS using_untrained
    FROM training_users GROUP BY team, module
)
SELECT g.team, g.module, g.trained_not_using, coalesce(l.trained_not_using, 0) AS listed_trained_not_using,
       g.using_untrained, coalesce(l.using_untrained, 0) AS listed_using_untrained
FROM training_gap g
LEFT JOIN listed l ON l.team = g.team AND l.module = g.module
WHERE g.team <> '__all__'
  AND (g.trained_not_using <> coalesce(l.trained_not_using, 0) OR g.using_untrained <> coalesce(l.using_untrained, 0));

-- %% roi_monthly
-- check: roi_monthly cost_total and won_amount, recomputed from costs and records
WITH costs_by_month AS (SELECT month, sum(amount) AS cost_total FROM costs GROUP BY month),
won AS (
    SELECT date_format(close_date, 'yyyy-MM') AS month, sum(amount) AS won_amount
    FROM records
    WHERE object_type = 'Opportunity' AND is_won AND close_date <= (SELECT max(date) FROM adoption_daily)
    GROUP BY date_format(close_date, 'yyyy-MM')
)
SELECT m.month, m.cost_total, coalesce(c.cost_total, 0) AS recomputed_cost_total,
       m.won_amount, coalesce(w.won_amount, 0) AS recomputed_won_amount
FROM roi_monthly m
LEFT JOIN costs_by_month c ON c.month = m.month
LEFT JOIN won w ON w.month = m.month
WHERE abs(m.cost_total - coalesce(c.cost_total, 0)) > 0.005
   OR abs(m.won_amount - coalesce(w.won_amount, 0)) > 0.005;

-- %% wave_summary
-- check: wave_summary users, recomputed from users
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
recomputed AS (
    SELECT u.wave, count(*) AS users FROM users u CROSS JOIN a
    WHERE u.license_type <> 'integration' AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
    GROUP BY u.wave
)
SELECT s.wave, s.users, coalesce(r.users, 0) AS recomputed_users
FROM wave_summary s
LEFT JOIN recomputed r ON r.wave = s.wave
WHERE s.users <> coalesce(r.users, 0);

-- %% manager_support
-- check: manager_support team_adoption_rate, recomputed from users and events
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
active AS (
    SELECT DISTINCT e.user_key FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN date_sub(a.as_of, 27) AND a.as_of
),
recomputed AS (
    SELECT u.manager_key, count_if(act.user_key IS NOT NULL) / nullif(count(*), 0) AS team_adoption_rate
    FROM users u CROSS JOIN a
    LEFT JOIN active act ON act.user_key = u.user_key
    WHERE u.manager_key IS NOT NULL AND u.license_type <> 'integration' AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
    GROUP BY u.manager_key
)
SELECT m.manager_key, m.display_name, m.team_adoption_rate, r.team_adoption_rate AS recomputed_team_adoption_rate
FROM manager_support m
LEFT JOIN recomputed r ON r.manager_key = m.manager_key
WHERE NOT (abs(m.team_adoption_rate - r.team_adoption_rate) < 1e-9
           OR (m.team_adoption_rate IS NULL AND r.team_adoption_rate IS NULL));
