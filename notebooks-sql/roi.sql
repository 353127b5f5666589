-- %% [markdown]
-- # Return on the CRM: what it cost, what it gave back, and what that rests on
--
-- **Who asks:** the CFO and the executive sponsor.
-- **Why:** `roi_summary` gives one ROI per scenario; this notebook shows the months behind it, the
-- licences paid for people who did not use the CRM (`idle_seat_cost`), the won opportunities that
-- make up the revenue benefit, and the assumptions the time benefit rests on.
--
-- Costs are the `costs` table as loaded; benefits are `hours_saved * hourly_rate` plus
-- `won_amount * revenue_attribution`, from the ROI assumptions file (`config/roi_assumptions-*.json`
-- in the warehouse, or the documented defaults). The low and high scenarios multiply every benefit
-- by their factor; costs stay as they are.

-- %%
SELECT scenario, round(cost_to_date, 2) AS cost_to_date, round(benefit_to_date, 2) AS benefit_to_date,
       round(roi_to_date, 3) AS roi_to_date, payback_month
FROM roi_summary;

-- %%
SELECT month, round(cost_total, 2) AS cost_total, round(idle_seat_cost, 2) AS idle_seat_cost, mau,
       round(cost_per_active_user, 2) AS cost_per_active_user, round(hours_saved, 1) AS hours_saved,
       round(benefit_time, 2) AS benefit_time, round(won_amount, 2) AS won_amount,
       round(benefit_revenue, 2) AS benefit_revenue, round(benefit_total, 2) AS benefit_total,
       round(cum_cost, 2) AS cum_cost, round(cum_benefit, 2) AS cum_benefit, round(roi_cum, 3) AS roi_cum
FROM roi_monthly
ORDER BY month;

-- %% [markdown]
-- ## Costs by category and month, as loaded

-- %%
SELECT month, category, currency, round(sum(amount), 2) AS amount
FROM costs
GROUP BY month, category, currency
ORDER BY month, category;

-- %% [markdown]
-- ## Behind `idle_seat_cost` in the as-of month: licences paid for people who did not use the CRM
-- Licensed on some day of the month (up to A), no active event (successful, web or mobile) in it.

-- %%
WITH a AS (SELECT max(date) AS as_of FROM adoption_daily),
m AS (SELECT trunc(as_of, 'MM') AS month_start, as_of AS month_end FROM a),
seats AS (
    SELECT u.* FROM users u CROSS JOIN m
    WHERE u.license_type <> 'integration'
      AND greatest(u.activated_at, m.month_start) <= m.month_end
      AND (u.deactivated_at IS NULL OR u.deactivated_at > greatest(u.activated_at, m.month_start))
),
active AS (
    SELECT DISTINCT e.user_key FROM events e CROSS JOIN m
    WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
      AND e.event_date BETWEEN m.month_start AND m.month_end
)
SELECT s.team, s.display_name, s.license_type, s.license_monthly_cost
FROM seats s
LEFT ANTI JOIN active act ON act.user_key = s.user_key
ORDER BY s.team, s.display_name;

-- %% [markdown]
-- ## Behind `won_amount`: the won opportunities, by close month

-- %%
SELECT date_format(r.close_date, 'yyyy-MM') AS month, r.record_id, u.team, u.display_name AS owner,
       round(r.amount, 2) AS amount
FROM records r
LEFT JOIN users u ON u.user_key = r.owner_key
WHERE r.object_type = 'Opportunity' AND r.is_won AND r.close_date IS NOT NULL
ORDER BY month, amount DESC, r.record_id;

-- %% [markdown]
-- ## Where the hours saved come from
-- Active events per type in each month; multiply by the assumption's minutes per event type to get
-- `hours_saved` (the snapshot and the dashboard's ROI page show the assumptions in use).

-- %%
SELECT date_format(event_date, 'yyyy-MM') AS month, event_type, count(*) AS active_events
FROM events e
WHERE e.status = 'success' AND e.client IN ('web', 'mobile')
  AND e.user_key IN (SELECT user_key FROM users WHERE license_type <> 'integration')
  AND e.event_date <= (SELECT max(date) FROM adoption_daily)
GROUP BY date_format(event_date, 'yyyy-MM'), event_type
ORDER BY month, active_events DESC;

-- %% [markdown]
-- ## Reconciliation
-- `cost_total` and `won_amount` recomputed from `costs` and `records`, next to the mart. The cell
-- lists the months that differ by more than a cent: it should list none.

-- %%
-- check: roi_monthly cost_total and won_amount, recomputed from costs and records
WITH costs_by_month AS (SELECT month, sum(amount) AS cost_total FROM costs GROUP BY month),
won AS (
    SELECT date_format(close_date, 'yyyy-MM') AS month, sum(amount) AS won_amount
    FROM records
    WHERE object_type = 'Opportunity' AND is_won AND close_date <= (SELECT max(date) FROM adoption_daily)
    GROUP BY date_format(close_date, 'yyyy-MM')
)
SELECT m.month, m.cost_total, coalesce(c.cost_total, 0) AS recomputed_cost_total,
       m.won_amount, coalesce(w.won_amount, 0) AS recomputed_won_amount
FROM roi_monthly m
LEFT JOIN costs_by_month c ON c.month = m.month
LEFT JOIN won w ON w.month = m.month
WHERE abs(m.cost_total - coalesce(c.cost_total, 0)) > 0.005
   OR abs(m.won_amount - coalesce(w.won_amount, 0)) > 0.005;
