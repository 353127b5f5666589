-- %% [markdown]
-- # Adoption by team at the as-of date
--
-- **Who asks:** the CRM owner preparing the monthly steering meeting.
-- **Why:** to see which teams use the CRM and which do not, with the same figures the dashboard
-- shows. Every number here is read from the `adoption_daily` and `user_activity` marts; nothing is
-- recomputed from events, so the notebook and the dashboard cannot disagree.

-- %%
SELECT team, licensed_users, mau, round(adoption_rate, 3) AS adoption_rate, round(stickiness, 3) AS stickiness
FROM adoption_daily
WHERE date = (SELECT max(date) FROM adoption_daily)
ORDER BY adoption_rate ASC NULLS FIRST, team;

-- %% [markdown]
-- ## Whom to call
-- Dormant and never-active users per team: the people a team lead should talk to this week.

-- %%
SELECT team,
       count_if(status = 'dormant') AS dormant,
       count_if(status = 'never_active') AS never_active
FROM user_activity
GROUP BY team
ORDER BY dormant + never_active DESC, team;
