-- 0002: indexes for networks (Store.Links) and pages of events.
--
-- clusters_link holds the GROUP BY columns of Links with first and last
-- (and, as every index, the id), so a network, for all time or a period,
-- reads this index instead of every cluster row (all time: 100 → 28 ms on
-- 52,000 clusters in the sqlite3 shell). events_day gains cluster_id, so a
-- period's clusters are found from the index alone; pages of events
-- ordered by day and id still walk it (see query.go).
CREATE INDEX clusters_link ON clusters (type, mode, party_key, first, last);
DROP INDEX events_day;
CREATE INDEX events_day ON events (day, id, cluster_id);
