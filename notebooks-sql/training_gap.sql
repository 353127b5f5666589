-- %% [markdown]
-- # Training gap: who is trained, who uses the CRM, and who needs a trainer
--
-- **Who asks:** the training lead planning next month's sessions.
-- **Why:** `training_gap` says how many people are untrained or unused per team and module; this
-- notebook lists the people behind those counts, explains the `teams_needing_help` ranking, and
-- shows whether courses changed how much people use their module (`training_effect`).
--
-- A is the last date of `adoption_daily`. Licensed on A: a human user (licence not `integration`)
-- with `activated_at <= A` and no `deactivated_at` on or before A. Active in a module: a successful
-- web or mobile event in it in `[A-27, A]`. Trained: a training record in the module completed on or
-- before A.

-- %%
SELECT team, module, licensed_users, trained_users, active_users, trained_not_using, using_untrained,
       round(trained_share, 3) AS trained_share, round(using_share, 3) AS using_share,
       round(error_rate, 4) AS error_rate, round(help_per_active_user, 2) AS help_per_active_user
FROM training_gap
WHERE active_users > 0 OR trained_users > 0
ORDER BY team = '__all__', team, active_users DESC, module;

-- %% [markdown]
-- ## Which teams need help first, and why
-- The score (0-100) weighs the untrained share (35%), the error rate above the organisation's (25%),
-- help views per active user against the organisation's (15%) and the share of licensed users not
-- active (25%), in the team's main module. Each reason carries the figure behind it.

-- %%
SELECT rank, team, score, reason
FROM teams_needing_help
LATERAL VIEW OUTER explode(reasons) r AS reason
ORDER BY rank;

-- %% [markdown]
-- ## Behind `using_untrained`: people working in a module they were never trained for

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
licensed AS (
    SELECT u.* FROM users u CROSS JOIN a
    WHERE u.license_type <> 'integration' AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
),
active AS (
    SELECT e.user_key, e.module, count(*) AS active_events
    FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN date_sub(a.as_of, 27) AND a.as_of
    GROUP BY e.user_key, e.module
),
trained AS (
    SELECT DISTINCT t.user_key, t.module FROM training t CROSS JOIN a WHERE t.completed_at <= a.as_of
)
SELECT l.team, act.module, l.display_name, act.active_events
FROM licensed l
JOIN active act ON act.user_key = l.user_key
LEFT ANTI JOIN trained tr ON tr.user_key = act.user_key AND tr.module = act.module
ORDER BY l.team, act.module, act.active_events DESC, l.display_name;

-- %% [markdown]
-- ## Behind `trained_not_using`: people trained for a module they have not used in 28 days

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
licensed AS (
    SELECT u.* FROM users u CROSS JOIN a
    WHERE u.license_type <> 'integration' AND u.activated_at <= a.as_of
      AND (u.deactivated_at IS NULL OR u.deactivated_at > a.as_of)
),
active AS (
    SELECT DISTINCT e.user_key, e.module FROM events e CROSS JOIN a
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN date_sub(a.as_of, 27) AND a.as_of
),
trained AS (
    SELECT t.user_key, t.module, min(t.completed_at) AS completed_at
    FROM training t CROSS JOIN a WHERE t.completed_at <= a.as_of
    GROUP BY t.user_key, t.module
)
SELECT l.team, tr.module, l.display_name, tr.completed_at
FROM licensed l
JOIN trained tr ON tr.user_key = l.user_key
LEFT ANTI JOIN active act ON act.user_key = tr.user_key AND act.module = tr.module
ORDER BY l.team, tr.module, l.display_name;

-- %% [markdown]
-- ## Did the courses work?
-- Average active days in the module in the 28 days before and after completing the course, over
-- the people who completed it at least 28 days before A (the completion day is in neither window).

-- %%
SELECT course_id, module, trained_users, round(avg_active_days_before, 2) AS before,
       round(avg_active_days_after, 2) AS after, round(lift, 2) AS lift
FROM training_effect
ORDER BY lift DESC NULLS LAST, course_id;

-- %% [markdown]
-- ## Reconciliation
-- `using_untrained` and `trained_not_using` recounted from `users`, `events` and `training`, next
-- to the mart. The cell lists the (team, module) rows that differ: it should list none.

-- %%
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
    SELECT l.team, coalesce(act.module, tr.module) AS module,
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
