-- %% [markdown]
-- # Whom to call this week
--
-- **Who asks:** a team lead on Monday morning (and the CRM owner, for every team at once).
-- **Why:** a licence nobody uses is money spent and a colleague stuck with spreadsheets. A short
-- call with the people who stopped using the CRM, or never started, is the cheapest way to win
-- them back; this notebook says which teams have the most of them and who they are.
--
-- Everything comes from the `user_activity` mart, as the dashboard's Adoption page shows it:
-- `dormant` people were active before but not in the last 28 days; `never_active` people are
-- licensed but have never had an active event. Set `team` to one team's name to see only that team;
-- `__all__` means every team.

-- %% parameters
-- team = __all__

-- %% teams to call first
-- Licensed people by status, with the team's adoption rate at the as-of date (adoption_daily).
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily)
SELECT ua.team,
       count_if(ua.status = 'dormant') AS dormant,
       count_if(ua.status = 'never_active') AS never_active,
       count_if(ua.status = 'active') AS active,
       ad.licensed_users,
       round(ad.adoption_rate, 3) AS adoption_rate
FROM user_activity ua
CROSS JOIN a
LEFT JOIN adoption_daily ad ON ad.team = ua.team AND ad.date = a.as_of
WHERE '${team}' = '__all__' OR ua.team = '${team}'
GROUP BY ua.team, ad.licensed_users, ad.adoption_rate
ORDER BY dormant + never_active DESC, ua.team;

-- %% [markdown]
-- ## The people to call
-- Team by team in the order above; in each, dormant people first, most recently active first (they
-- are the easiest to bring back), then people who never started, most recently activated first.

-- %% people to call
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
to_call AS (
    SELECT ua.*, count(*) OVER (PARTITION BY ua.team) AS team_to_call
    FROM user_activity ua
    WHERE ua.status IN ('dormant', 'never_active') AND ('${team}' = '__all__' OR ua.team = '${team}')
)
SELECT c.team, c.display_name, c.status, c.license_type, c.activated_at, c.last_active_at,
       datediff(a.as_of, c.last_active_at) AS days_since_last_active
FROM to_call c
CROSS JOIN a
ORDER BY c.team_to_call DESC, c.team, c.status, c.last_active_at DESC, c.activated_at DESC, c.display_name;
