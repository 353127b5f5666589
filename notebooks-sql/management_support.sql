-- %% [markdown]
-- # Do managers lead by example?
--
-- **Who asks:** the executive sponsor, before the quarterly review with the line managers.
-- **Why:** teams use the CRM when their manager runs the team from it: pipeline reviews from its
-- reports, one-to-ones from its dashboards. A manager who never looks at the CRM's analytics is
-- unlikely to have a team that keeps it up to date. This notebook puts each manager's own use next to
-- their team's adoption.
--
-- From the `manager_support` mart (a manager is anyone named as someone's manager):
-- `own_analytics_views_28d` are the manager's own report runs and dashboard views in the last 28
-- days; `team_adoption_rate` is the share of their direct reports licensed at the as-of date who
-- were active in the last 28 days. The manager's own activity is from `user_activity`, the whole
-- team's adoption from `adoption_daily`.

-- %% managers by their team's adoption
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT m.team, m.display_name AS manager, m.own_analytics_views_28d, own.status AS own_status,
       own.active_days_28d AS own_active_days_28d, round(m.team_adoption_rate, 3) AS team_adoption_rate,
       round(ad.adoption_rate, 3) AS whole_team_adoption_rate
FROM manager_support m
CROSS JOIN a
LEFT JOIN user_activity own ON own.user_key = m.manager_key
LEFT JOIN adoption_daily ad ON ad.team = m.team AND ad.date = a.as_of
ORDER BY m.team_adoption_rate ASC NULLS FIRST, m.team, manager;

-- %% [markdown]
-- ## Their direct reports
-- Each manager's direct reports by status at the as-of date (`user_activity`): whom the manager
-- could bring back, next to how much the manager looks at the analytics.

-- %% direct reports by status
SELECT m.team, m.display_name AS manager, m.own_analytics_views_28d,
       count_if(ua.status = 'active') AS active,
       count_if(ua.status = 'dormant') AS dormant,
       count_if(ua.status = 'never_active') AS never_active,
       count_if(ua.status = 'unlicensed') AS unlicensed
FROM manager_support m
JOIN users u ON u.manager_key = m.manager_key
JOIN user_activity ua ON ua.user_key = u.user_key
GROUP BY m.team, m.display_name, m.own_analytics_views_28d, m.team_adoption_rate
ORDER BY m.team_adoption_rate ASC NULLS FIRST, m.team, manager;
