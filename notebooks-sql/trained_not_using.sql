-- %% [markdown]
-- # Trained but not using: modules people learned and left
--
-- **Who asks:** the training lead, before booking next month's refresher sessions.
-- **Why:** a course whose people do not use the module afterwards was either the wrong course, too
-- early, or taught something the job does not need. The people themselves can say which: this
-- notebook lists, per team and module, the people trained in a module who have not used it in the
-- last 28 days, with how active they are in the CRM otherwise.
--
-- Counts come from the `training_gap` mart and the people from `training_users` (the same
-- definitions: licensed at the as-of date, a training in the module completed on or before it, no
-- active event in the module in the last 28 days). Set `module` to one module to narrow the lists;
-- `__all__` means every module.

-- %% parameters
-- module = __all__

-- %% modules learned and left, organisation-wide
SELECT module, trained_users, active_users, trained_not_using, round(trained_share, 3) AS trained_share,
       round(using_share, 3) AS using_share
FROM training_gap
WHERE team = '__all__' AND trained_users > 0 AND ('${module}' = '__all__' OR module = '${module}')
ORDER BY trained_not_using DESC, module;

-- %% teams and modules with people trained but not using
SELECT team, module, trained_users, active_users, trained_not_using
FROM training_gap
WHERE team <> '__all__' AND trained_not_using > 0 AND ('${module}' = '__all__' OR module = '${module}')
ORDER BY trained_not_using DESC, team, module;

-- %% [markdown]
-- ## The people
-- `crm_status` is the person's status in the CRM as a whole (`user_activity`): someone `active`
-- there works in another module; someone `dormant` has stopped using the CRM altogether, which is a
-- call (see whom_to_call.sql) rather than a refresher course.

-- %% people trained but not using
SELECT tu.team, tu.module, tu.display_name, ua.status AS crm_status, ua.active_days_28d, ua.last_active_at
FROM training_users tu
LEFT JOIN user_activity ua ON ua.user_key = tu.user_key
WHERE tu.list = 'trained_not_using' AND ('${module}' = '__all__' OR tu.module = '${module}')
ORDER BY tu.team, tu.module, tu.display_name;
