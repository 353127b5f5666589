-- %% [markdown]
-- # Training gap: which teams need a trainer first, and did the courses work?
--
-- **Who asks:** the training lead planning next month's sessions.
-- **Why:** trainers are few; they should go where people work in a module they were never trained
-- for, fail often and ask for help a lot. `teams_needing_help` ranks the teams and says why;
-- `training_gap` shows the counts per team and module; `training_users` names the people working
-- untrained; `training_effect` shows whether courses changed how much people use their module.
-- The people trained in a module they do not use are in trained_not_using.sql.
--
-- All from the marts, with their definitions: licensed at the as-of date, trained when a training in
-- the module was completed on or before it, active in a module with a successful web or mobile
-- event in it in the last 28 days.

-- %% teams needing help
SELECT rank, team, score, reason
FROM teams_needing_help
LATERAL VIEW OUTER explode(reasons) r AS reason
ORDER BY rank;

-- %% [markdown]
-- ## The gap per team and module

-- %% gap by team and module
SELECT team, module, licensed_users, trained_users, active_users, trained_not_using, using_untrained,
       round(trained_share, 3) AS trained_share, round(using_share, 3) AS using_share,
       round(error_rate, 4) AS error_rate, round(help_per_active_user, 2) AS help_per_active_user
FROM training_gap
WHERE active_users > 0 OR trained_users > 0
ORDER BY team = '__all__', team, active_users DESC, module;

-- %% [markdown]
-- ## Behind `using_untrained`: people working in a module they were never trained for
-- For the team most in need first (rank 1 of `teams_needing_help`), then the others.

-- %% people using a module untrained
SELECT tu.team, tu.module, tu.display_name, ua.active_days_28d
FROM training_users tu
LEFT JOIN teams_needing_help h ON h.team = tu.team
LEFT JOIN user_activity ua ON ua.user_key = tu.user_key
WHERE tu.list = 'using_untrained'
ORDER BY h.rank NULLS LAST, tu.team, tu.module, ua.active_days_28d DESC, tu.display_name;

-- %% [markdown]
-- ## Did the courses work?
-- Average active days in the module in the 28 days before and after completing the course, over
-- the people who completed it at least 28 days before the as-of date (the completion day is in
-- neither window).

-- %% course effect
SELECT course_id, module, trained_users, round(avg_active_days_before, 2) AS before,
       round(avg_active_days_after, 2) AS after, round(lift, 2) AS lift
FROM training_effect
ORDER BY lift DESC NULLS LAST, course_id;
