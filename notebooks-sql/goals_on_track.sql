-- %% [markdown]
-- # Is the programme on track against its goals?
--
-- **Who asks:** the executive sponsor, every month.
-- **Why:** the goals were set with a baseline, a target and a due date; the question is not only
-- "have we reached them" but "are we where we should be by now". `goals_status` answers both for
-- each goal; this notebook lists the goals that are behind first, with the figures that explain them.
--
-- `expected` is where the KPI should be today on a straight line from the baseline at the start
-- date to the target at the due date. `done`: target reached; `green`: at or beyond expected;
-- `amber`: short by at most 10% of |target - baseline|; `red`: further short. Lower is better for
-- `stale_share_30d` and `duplicate_rate`. `problem` says why a goal could not be evaluated.

-- %% goals, those behind first
SELECT goal_id, kpi, scope, baseline, target, start_date, due_date,
       round(current, 4) AS current, round(expected, 4) AS expected, status, problem
FROM goals_status
ORDER BY CASE status WHEN 'red' THEN 1 WHEN 'amber' THEN 2 WHEN 'green' THEN 3 WHEN 'done' THEN 4 ELSE 0 END, goal_id;

-- %% [markdown]
-- ## Team goals next to the team's figures at the as-of date
-- For goals scoped to a team: its adoption (`adoption_daily`) and its records (`record_freshness`,
-- every object type, from summed counts as the goal reads them).

-- %% team goals with the team's figures
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
team_goals AS (
    SELECT goal_id, kpi, substr(scope, 6) AS team, status FROM goals_status WHERE scope LIKE 'team:%'
),
team_records AS (
    SELECT team, sum(open_records) AS open_records, sum(stale_30d) AS stale_30d, sum(stale_90d) AS stale_90d,
           sum(duplicate_records) AS duplicate_records
    FROM record_freshness GROUP BY team
)
SELECT g.goal_id, g.kpi, g.team, g.status, round(ad.adoption_rate, 3) AS adoption_rate, ad.licensed_users,
       r.open_records, r.stale_30d, r.stale_90d, r.duplicate_records
FROM team_goals g
CROSS JOIN a
LEFT JOIN adoption_daily ad ON ad.team = g.team AND ad.date = a.as_of
LEFT JOIN team_records r ON r.team = g.team
ORDER BY g.goal_id;
