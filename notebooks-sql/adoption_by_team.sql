-- %% [markdown]
-- # Adoption by team at the as-of date
--
-- **Who asks:** the CRM owner preparing the monthly steering meeting.
-- **Why:** to see which teams use the CRM and which do not, with the same figures the dashboard
-- shows. Every number here is read from the `adoption_daily`, `module_adoption` and
-- `lifecycle_weekly` marts; nothing is recomputed from events, so the notebook and the dashboard
-- cannot disagree. The people behind the figures are in whom_to_call.sql.

-- %% adoption by team
SELECT team, licensed_users, mau, round(adoption_rate, 3) AS adoption_rate, round(stickiness, 3) AS stickiness
FROM adoption_daily
WHERE date = (SELECT max(date) FROM adoption_daily)
ORDER BY adoption_rate ASC NULLS FIRST, team;

-- %% [markdown]
-- ## Four weeks apart
-- Each team's adoption rate on the as-of date and 28, 56 and 84 days before it: rising, steady or
-- decaying.

-- %% adoption four weeks apart
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT d.team,
       round(max(CASE WHEN d.date = date_sub(a.as_of, 84) THEN d.adoption_rate END), 3) AS minus_84_days,
       round(max(CASE WHEN d.date = date_sub(a.as_of, 56) THEN d.adoption_rate END), 3) AS minus_56_days,
       round(max(CASE WHEN d.date = date_sub(a.as_of, 28) THEN d.adoption_rate END), 3) AS minus_28_days,
       round(max(CASE WHEN d.date = a.as_of THEN d.adoption_rate END), 3) AS as_of
FROM adoption_daily d CROSS JOIN a
GROUP BY d.team
ORDER BY d.team = '__all__', as_of ASC NULLS FIRST, d.team;

-- %% [markdown]
-- ## By module
-- Licensed people active in each module in the last 28 days, per team.

-- %% adoption by team and module
SELECT team, module, licensed_users, active_users, round(adoption_rate, 3) AS adoption_rate
FROM module_adoption
WHERE date = (SELECT max(date) FROM module_adoption) AND active_users > 0
ORDER BY team = '__all__', team, active_users DESC, module;

-- %% [markdown]
-- ## Coming and going, week by week
-- The last eight weeks of `lifecycle_weekly`: new, returning, resurrecting and newly dormant people.

-- %% lifecycle of the last eight weeks
SELECT week_start, team, new, returning, resurrecting, dormant
FROM lifecycle_weekly
WHERE week_start > date_sub((SELECT max(week_start) FROM lifecycle_weekly), 56)
ORDER BY team = '__all__', team, week_start;
