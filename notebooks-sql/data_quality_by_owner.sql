-- %% [markdown]
-- # Data-quality hot spots by owner
--
-- **Who asks:** the data steward, preparing the monthly clean-up with the team leads.
-- **Why:** "69% of open records are stale" moves nobody; "Liam has 12 open work orders untouched
-- for three months" does. This notebook starts from the teams and object types where records go
-- stale, overdue, incomplete or duplicated (`record_freshness`) and ends with the owners to ask
-- (`record_owners`, the same figures per owner over all object types).
--
-- Both marts use the KPI definitions: stale after more than 30 (or 90) days without an update at the
-- as-of date, overdue when open with a close date before it, duplicates counted across the whole
-- organisation. Records whose owner is not in `users` are team `unknown`. `top` sets how many owners
-- each list shows.

-- %% parameters
-- top = 25

-- %% hot spots by team and object type
SELECT team, object_type, records, open_records, stale_30d, stale_90d, round(stale_share_30d, 3) AS stale_share_30d,
       median_days_since_update, overdue, round(completeness_avg, 3) AS completeness_avg,
       duplicate_records, round(duplicate_rate, 4) AS duplicate_rate
FROM record_freshness
WHERE team <> '__all__'
ORDER BY stale_90d DESC, stale_30d DESC, team, object_type;

-- %% [markdown]
-- ## Owners with the oldest open records
-- Most open records untouched for more than 90 days first, then for more than 30.

-- %% owners with stale records
SELECT team, display_name AS owner, open_records, stale_30d, stale_90d, round(stale_share_30d, 3) AS stale_share_30d,
       overdue, round(completeness_avg, 3) AS completeness_avg, duplicate_records
FROM record_owners
WHERE stale_30d > 0
ORDER BY stale_90d DESC, stale_30d DESC, team, owner
LIMIT ${top};

-- %% [markdown]
-- ## Owners of duplicates and incomplete records
-- Duplicates are the later copies of a record (same object type and dedupe key); each copy counts
-- for its own owner. A low `completeness_avg` means required fields left empty.

-- %% owners with duplicates or gaps
SELECT team, display_name AS owner, records, duplicate_records, round(completeness_avg, 3) AS completeness_avg, overdue
FROM record_owners
WHERE duplicate_records > 0 OR completeness_avg < 0.9 OR overdue > 0
ORDER BY duplicate_records DESC, completeness_avg ASC NULLS LAST, overdue DESC, team, owner
LIMIT ${top};

-- %% [markdown]
-- ## Owners per team
-- How many of each team's owners have stale or duplicate records: a team-wide habit, or a few people?

-- %% owners per team
SELECT team, count(*) AS owners,
       count_if(stale_90d > 0) AS owners_with_stale_90d,
       count_if(duplicate_records > 0) AS owners_with_duplicates,
       sum(stale_90d) AS stale_90d,
       sum(duplicate_records) AS duplicate_records
FROM record_owners
GROUP BY team
ORDER BY stale_90d DESC, team;
