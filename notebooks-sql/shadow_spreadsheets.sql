-- %% [markdown]
-- # Shadow spreadsheets: who exports reports instead of working in the CRM
--
-- **Who asks:** the sales operations manager, who owns the pipeline figures.
-- **Why:** a report exported to Excel and edited there is work the CRM never sees: the pipeline
-- goes stale and the forecast is made in a file on someone's laptop. People who export more than
-- they create or update records are likely keeping a shadow spreadsheet; they are the people to
-- ask what the CRM is missing for them.
--
-- This counts events, not a KPI: per person, successful `report_export` events against successful
-- `record_create` and `record_update` events (any client) in the last `days` days up to the as-of
-- date (the last date of `adoption_daily`), people only (integration users left out).

-- %% parameters
-- days = 28

-- %% exports and edits by team
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
per_person AS (
    SELECT e.user_key,
           count_if(e.event_type = 'report_export') AS exports,
           count_if(e.event_type IN ('record_create', 'record_update')) AS edits
    FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.event_date BETWEEN date_sub(a.as_of, ${days} - 1) AND a.as_of
    GROUP BY e.user_key
)
SELECT u.team,
       count_if(p.exports > 0) AS exporters,
       sum(p.exports) AS exports,
       sum(p.edits) AS edits,
       round(100 * sum(p.exports) / nullif(sum(p.edits), 0), 1) AS exports_per_100_edits
FROM per_person p
JOIN users u ON u.user_key = p.user_key
WHERE u.license_type <> 'integration'
GROUP BY u.team
ORDER BY exports DESC, u.team;

-- %% [markdown]
-- ## The heaviest exporters
-- Everyone with an export in the window, most exports first; `exports_per_edit` above 1 means
-- more exports than edits.

-- %% top exporters
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
per_person AS (
    SELECT e.user_key,
           count_if(e.event_type = 'report_export') AS exports,
           count_if(e.event_type IN ('record_create', 'record_update')) AS edits
    FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.event_date BETWEEN date_sub(a.as_of, ${days} - 1) AND a.as_of
    GROUP BY e.user_key
)
SELECT u.team, u.display_name, u.role, p.exports, p.edits,
       round(p.exports / nullif(p.edits, 0), 2) AS exports_per_edit
FROM per_person p
JOIN users u ON u.user_key = p.user_key
WHERE u.license_type <> 'integration' AND p.exports > 0
ORDER BY p.exports DESC, exports_per_edit DESC NULLS FIRST, u.team, u.display_name;

-- %% [markdown]
-- ## Exports outnumber edits
-- The people who exported more often than they created or updated a record in the window.

-- %% exports outnumber edits
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
per_person AS (
    SELECT e.user_key,
           count_if(e.event_type = 'report_export') AS exports,
           count_if(e.event_type IN ('record_create', 'record_update')) AS edits
    FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.event_date BETWEEN date_sub(a.as_of, ${days} - 1) AND a.as_of
    GROUP BY e.user_key
)
SELECT u.team, u.display_name, u.role, p.exports, p.edits
FROM per_person p
JOIN users u ON u.user_key = p.user_key
WHERE u.license_type <> 'integration' AND p.exports > p.edits
ORDER BY p.exports - p.edits DESC, u.team, u.display_name;
