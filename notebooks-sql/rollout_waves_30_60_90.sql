-- %% [markdown]
-- # Rollout waves at day 30, 60 and 90
--
-- **Who asks:** the rollout programme lead, planning the next wave.
-- **Why:** waves go live on different dates, so "wave-3 is at 85%" says little until it is compared
-- with where the earlier waves were the same number of days after their go-live. This notebook puts
-- every wave side by side at day 30, 60 and 90, says how fast each reached 50% and 80%, and lists
-- the people of a wave who are not active now.
--
-- From the `rollout_curve` and `wave_summary` marts: a wave's adoption rate on a day is its licensed
-- people active in the 28 days to that day, divided by its licensed people. A wave that has not
-- reached day 30, 60 or 90 by the as-of date has no figure there (empty, not 0). Set `wave` to one
-- wave to list only its people; `__all__` lists every wave's.

-- %% parameters
-- wave = __all__

-- %% waves at day 30, 60 and 90
SELECT s.wave, s.go_live_date, max(c.day) AS days_live, s.users,
       round(max(CASE WHEN c.day = 30 THEN c.adoption_rate END), 3) AS day_30,
       round(max(CASE WHEN c.day = 60 THEN c.adoption_rate END), 3) AS day_60,
       round(max(CASE WHEN c.day = 90 THEN c.adoption_rate END), 3) AS day_90,
       s.days_to_50pct, s.days_to_80pct, round(s.adoption_rate_now, 3) AS adoption_rate_now
FROM wave_summary s
LEFT JOIN rollout_curve c ON c.wave = s.wave
GROUP BY s.wave, s.go_live_date, s.users, s.days_to_50pct, s.days_to_80pct, s.adoption_rate_now
ORDER BY s.go_live_date, s.wave;

-- %% [markdown]
-- ## Each wave's curve, one point a week after go-live

-- %% weekly curve
SELECT wave, day, date, licensed_users, mau, round(adoption_rate, 3) AS adoption_rate
FROM rollout_curve
WHERE day % 7 = 0
ORDER BY wave, day;

-- %% [markdown]
-- ## The wave's people who are not active now
-- Their status at the as-of date in `user_activity` (dormant or never active); the wave is the one
-- in `users`.

-- %% people not active by wave
SELECT u.wave, ua.team, ua.display_name, ua.status, ua.activated_at, ua.first_active_at, ua.last_active_at
FROM user_activity ua
JOIN users u ON u.user_key = ua.user_key
WHERE ua.status IN ('dormant', 'never_active') AND ('${wave}' = '__all__' OR u.wave = '${wave}')
ORDER BY u.wave, ua.team, ua.status, ua.display_name;
