-- %% [markdown]
-- # Rollout waves, goals and managers
--
-- **Who asks:** the rollout project lead.
-- **Why:** `wave_summary` says how fast each wave reached 50% and 80% adoption; `goals_status`
-- whether the programme is on track; `manager_support` whether managers lead by example. This
-- notebook shows each wave's curve week by week, the people of a wave who are not active, the goals
-- with what is expected of them today, and the managers behind the team figures.
--
-- A is the last date of `adoption_daily`. A wave's adoption rate on a day is its licensed users
-- active in the 28 days to that day, divided by its licensed users.

-- %%
SELECT wave, go_live_date, users, days_to_50pct, days_to_80pct, round(adoption_rate_now, 3) AS adoption_rate_now
FROM wave_summary
ORDER BY go_live_date, wave;

-- %% [markdown]
-- ## Each wave's curve, one point a week after go-live

-- %%
SELECT wave, day, date, licensed_users, mau, round(adoption_rate, 3) AS adoption_rate
FROM rollout_curve
WHERE day % 7 = 0
ORDER BY wave, day;

-- %% [markdown]
-- ## Behind `adoption_rate_now`: each wave's licensed people with no active day in the last 28 days

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
licensed AS (
    SELECT u.* FROM users u CROSS JOIN a
    WHERE u.license_type <> 'integration' AND u.wave IS NOT NULL AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
),
active AS (
    SELECT DISTINCT e.user_key FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN date_sub(a.as_of, 27) AND a.as_of
)
SELECT l.wave, l.team, l.display_name, l.activated_at
FROM licensed l
LEFT ANTI JOIN active act ON act.user_key = l.user_key
ORDER BY l.wave, l.team, l.display_name;

-- %% [markdown]
-- ## Goals
-- `expected` is where the KPI should be today on a straight line from baseline at the start date to
-- target at the due date. `done`: target reached; `green`: at or beyond expected; `amber`: short by
-- at most 10% of |target - baseline|; `red`: further short. Lower is better for `stale_share_30d`
-- and `duplicate_rate`. `problem` says why a goal could not be evaluated.

-- %%
SELECT goal_id, kpi, scope, baseline, target, start_date, due_date,
       round(current, 3) AS current, round(expected, 3) AS expected, status, problem
FROM goals_status
ORDER BY goal_id;

-- %% [markdown]
-- ## Managers: do they look at the analytics, and do their teams use the CRM?

-- %%
SELECT team, display_name, own_analytics_views_28d, round(team_adoption_rate, 3) AS team_adoption_rate
FROM manager_support
ORDER BY team_adoption_rate ASC NULLS FIRST, team, display_name;

-- %% [markdown]
-- ## Reconciliation
-- Each wave's `users` recounted from `users`, next to `wave_summary`. The cell lists the waves that
-- differ: it should list none.

-- %%
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
