-- %% [markdown]
-- # ROI: how much does it depend on the assumptions?
--
-- **Who asks:** the CFO's analyst, before the ROI goes into the board pack.
-- **Why:** the time benefit rests on an hourly rate and the revenue benefit on the share of won
-- deals credited to the CRM; both are judgements. The board will ask "and if the rate were lower?".
-- This notebook answers with the analyst's own `hourly_rate` and `revenue_attribution`, month by
-- month, and shows which assumption the result hangs on.
--
-- Nothing is recomputed from events: the hours saved, the won amounts and the costs are the
-- `roi_monthly` mart's (`hours_saved`, `won_amount`, `cost_total`). Only the two prices change:
-- benefit = hours_saved * hourly_rate + won_amount * revenue_attribution, ROI = (benefit - cost) /
-- cost, payback = the first month whose cumulative benefit reaches the cumulative cost. The defaults
-- are the documented defaults of the assumptions file; with the values of the file the job used,
-- the result is `roi_summary`'s base scenario.

-- %% parameters
-- hourly_rate = 55.0
-- revenue_attribution = 0.05

-- %% the marts' scenarios
SELECT scenario, round(cost_to_date, 2) AS cost_to_date, round(benefit_to_date, 2) AS benefit_to_date,
       round(roi_to_date, 4) AS roi_to_date, payback_month
FROM roi_summary
ORDER BY CASE scenario WHEN 'low' THEN 1 WHEN 'base' THEN 2 ELSE 3 END;

-- %% under your assumptions
WITH months AS (
    SELECT month, cost_total,
           hours_saved * ${hourly_rate} + won_amount * ${revenue_attribution} AS benefit
    FROM roi_monthly
),
cumulative AS (
    SELECT month, cost_total, benefit,
           sum(cost_total) OVER (ORDER BY month) AS cum_cost,
           sum(benefit) OVER (ORDER BY month) AS cum_benefit
    FROM months
)
SELECT CAST(${hourly_rate} AS DOUBLE) AS hourly_rate,
       CAST(${revenue_attribution} AS DOUBLE) AS revenue_attribution,
       sum(cost_total) AS cost_to_date,
       sum(benefit) AS benefit_to_date,
       (sum(benefit) - sum(cost_total)) / nullif(sum(cost_total), 0) AS roi_to_date,
       min(CASE WHEN cum_benefit >= cum_cost THEN month END) AS payback_month
FROM cumulative;

-- %% [markdown]
-- ## Month by month under your assumptions
-- `roi_cum_base` is the mart's cumulative ROI with the job's assumptions, for comparison.

-- %% month by month
WITH months AS (
    SELECT month, cost_total, hours_saved, won_amount, roi_cum AS roi_cum_base,
           hours_saved * ${hourly_rate} AS benefit_time,
           won_amount * ${revenue_attribution} AS benefit_revenue
    FROM roi_monthly
)
SELECT month, round(cost_total, 2) AS cost_total, round(hours_saved, 1) AS hours_saved, round(won_amount, 2) AS won_amount,
       round(benefit_time, 2) AS benefit_time, round(benefit_revenue, 2) AS benefit_revenue,
       round(sum(cost_total) OVER (ORDER BY month), 2) AS cum_cost,
       round(sum(benefit_time + benefit_revenue) OVER (ORDER BY month), 2) AS cum_benefit,
       round((sum(benefit_time + benefit_revenue) OVER (ORDER BY month) - sum(cost_total) OVER (ORDER BY month))
             / nullif(sum(cost_total) OVER (ORDER BY month), 0), 4) AS roi_cum,
       round(roi_cum_base, 4) AS roi_cum_base
FROM months
ORDER BY month;

-- %% [markdown]
-- ## Break-even assumptions
-- The revenue attribution at which the CRM has paid for itself to date, at your hourly rate; and the
-- hourly rate at which it has, at your attribution (0: it has at any rate, on revenue alone).

-- %% break-even
SELECT round((sum(cost_total) - sum(hours_saved) * ${hourly_rate}) / nullif(sum(won_amount), 0), 4)
           AS break_even_revenue_attribution,
       round(greatest((sum(cost_total) - sum(won_amount) * ${revenue_attribution}) / nullif(sum(hours_saved), 0), 0), 2)
           AS break_even_hourly_rate
FROM roi_monthly;

-- %% [markdown]
-- ## ROI to date around your assumptions
-- Every combination of the hourly rate and the revenue attribution at half, once, one and a half
-- and twice your values: which of the two the answer hangs on.

-- %% sensitivity grid
WITH factors AS (
    SELECT explode(array(0.5, 1.0, 1.5, 2.0)) AS factor
),
grid AS (
    SELECT r.factor AS rate_factor, a.factor AS attribution_factor,
           ${hourly_rate} * r.factor AS hourly_rate, ${revenue_attribution} * a.factor AS revenue_attribution
    FROM factors r CROSS JOIN factors a
),
months AS (
    SELECT g.rate_factor, g.attribution_factor, g.hourly_rate, g.revenue_attribution, m.month, m.cost_total,
           m.hours_saved * g.hourly_rate + m.won_amount * g.revenue_attribution AS benefit
    FROM grid g CROSS JOIN roi_monthly m
),
cumulative AS (
    SELECT *,
           sum(cost_total) OVER (PARTITION BY rate_factor, attribution_factor ORDER BY month) AS cum_cost,
           sum(benefit) OVER (PARTITION BY rate_factor, attribution_factor ORDER BY month) AS cum_benefit
    FROM months
)
SELECT CAST(hourly_rate AS DOUBLE) AS hourly_rate, CAST(revenue_attribution AS DOUBLE) AS revenue_attribution,
       sum(benefit) AS benefit_to_date,
       (sum(benefit) - sum(cost_total)) / nullif(sum(cost_total), 0) AS roi_to_date,
       min(CASE WHEN cum_benefit >= cum_cost THEN month END) AS payback_month
FROM cumulative
GROUP BY rate_factor, attribution_factor, hourly_rate, revenue_attribution
ORDER BY rate_factor, attribution_factor;
