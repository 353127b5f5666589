-- %% [markdown]
-- # Sync failures and lag by source
--
-- **Who asks:** the integration engineer on call for the CRM feeds.
-- **Why:** every adoption figure is only as fresh as the feeds behind it. A source that fails often
-- loses the work people did; one that lags makes yesterday look quiet; one that stops makes a team
-- look dormant. This notebook shows each source's lag and failure rate as the job measured them
-- (`source_freshness`), then its events and failures day by day, and what fails.
--
-- Lag is `ingested_at - occurred_at` over the source's events of the last 7 days up to the as-of date
-- (the last date of `adoption_daily`) that were ingested by the end of that date; `backfilled_7d`
-- counts those loaded later (a backfill, a replay), whose lag says nothing about the feed on that date.
-- The failure rate is failed events over all events of the 7 days. The daily counts below are plain
-- event counts for the last `days` days.

-- %% parameters
-- days = 14

-- %% sources by failure rate
SELECT source, events, last_event_at, last_ingested_at,
       round(lag_p50_seconds / 3600, 2) AS lag_p50_hours, round(lag_p95_seconds / 3600, 2) AS lag_p95_hours,
       round(failure_rate_7d, 4) AS failure_rate_7d, round(hours_since_last_event, 1) AS hours_since_last_event,
       backfilled_7d
FROM source_freshness
ORDER BY failure_rate_7d DESC NULLS LAST, source;

-- %% [markdown]
-- ## Day by day
-- A day with no row for a source received nothing from it: a stopped feed shows as a gap.

-- %% events and failures per source and day
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT e.source, e.event_date, count(*) AS events, count_if(e.status = 'failure') AS failures,
       max(e.ingested_at) AS last_ingested_at
FROM events e CROSS JOIN a
WHERE e.event_date BETWEEN date_sub(a.as_of, ${days} - 1) AND a.as_of
GROUP BY e.source, e.event_date
ORDER BY e.source, e.event_date;

-- %% [markdown]
-- ## What fails
-- Failed events of the last 7 days by source, event type and error code: the first row is where to
-- start looking.

-- %% failures by source, event type and error code
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT e.source, e.event_type, coalesce(e.error_code, '(none)') AS error_code, count(*) AS failures,
       count(DISTINCT e.user_key) AS users
FROM events e CROSS JOIN a
WHERE e.status = 'failure' AND e.event_date BETWEEN date_sub(a.as_of, 6) AND a.as_of
GROUP BY e.source, e.event_type, coalesce(e.error_code, '(none)')
ORDER BY failures DESC, e.source, e.event_type, error_code;
