-- 0003: the batched write path (see write.go).
--
-- meta 'writes' counts Writes: every Write increments it in its
-- transaction, so a writer that keeps clusters in memory between Writes
-- knows whether another connection (another process) wrote since.
INSERT INTO meta (key, value) VALUES ('writes', 0);

-- errors: one row per failing input and reason, however many runs met it
-- (a rerun over a million bad lines added a million rows each time);
-- 'at' is when it was last met.
DELETE FROM errors WHERE seq NOT IN (SELECT MIN(seq) FROM errors GROUP BY source, reason);
CREATE UNIQUE INDEX errors_input ON errors (source, reason);

-- counters: what Stats reports, kept by Write and RecordError, so that
-- Stats (called by the server on every network request) counts no table.
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value)
	SELECT 'documents', COUNT(*) FROM documents
	UNION ALL SELECT 'duplicates', COUNT(*) FROM documents WHERE canonical IS NOT NULL
	UNION ALL SELECT 'events', COUNT(*) FROM events
	UNION ALL SELECT 'clusters', COUNT(*) FROM clusters
	UNION ALL SELECT 'errors', COUNT(*) FROM errors;
CREATE TABLE lang_counts (
	lang      TEXT PRIMARY KEY,
	documents INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO lang_counts (lang, documents) SELECT lang, COUNT(*) FROM documents GROUP BY lang;

-- Rollups, kept by Write (and by anything else that changes clusters, see
-- rollup.go), filled from the clusters by Open when meta 'rollups' is 0.
--
-- pair_tallies: for each pair of parties (a < b) of a cluster, the number
-- of clusters by the day a series places them on (store.PlaceDay), type
-- and mode: a pair's series at any period reads a few hundred rows.
CREATE TABLE pair_tallies (
	a        TEXT NOT NULL,
	b        TEXT NOT NULL,
	day      TEXT NOT NULL,
	type     TEXT NOT NULL,
	mode     TEXT NOT NULL,
	clusters INTEGER NOT NULL,
	PRIMARY KEY (a, b, day, type, mode)
) WITHOUT ROWID;
-- link_months: clusters grouped as Links groups them, by the month of
-- their first day ('' for undated clusters), with the least first and
-- greatest last day of each group. A network over whole months reads the
-- groups of its months, plus the clusters begun before its first month
-- that reach into it (cluster_spans), instead of every cluster.
CREATE TABLE link_months (
	month     TEXT NOT NULL,
	type      TEXT NOT NULL,
	mode      TEXT NOT NULL,
	party_key TEXT NOT NULL,
	clusters  INTEGER NOT NULL,
	first     TEXT,
	last      TEXT,
	PRIMARY KEY (month, type, mode, party_key)
) WITHOUT ROWID;
-- cluster_spans: each month after a cluster's first month up to its last
-- day's month (no foreign key: a correction may delete a cluster before
-- its spans are brought in line).
CREATE TABLE cluster_spans (
	month      TEXT NOT NULL,
	cluster_id INTEGER NOT NULL,
	PRIMARY KEY (month, cluster_id)
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('rollups', 0);

-- A cluster's events by day: whether a cluster across a period's bound
-- has an event inside is one index probe (it was a walk over the
-- cluster's events, which grew with the record).
CREATE INDEX events_cluster_day ON events (cluster_id, day);
DROP INDEX events_cluster;

-- One index of clusters by act: Write reads the clusters of a type and
-- party key (any mode), the rollup counts a group's clusters by first
-- day, and Links over other periods groups by it; two indexes of random
-- keys cost every touched cluster twice.
CREATE INDEX clusters_act ON clusters (type, party_key, mode, first, last);
DROP INDEX clusters_key;
DROP INDEX clusters_link;

-- link_years and cluster_year_spans: the same by year, so that a year's
-- network reads a twelfth of the groups, and all time the fewest.
CREATE TABLE link_years (
	year      TEXT NOT NULL,
	type      TEXT NOT NULL,
	mode      TEXT NOT NULL,
	party_key TEXT NOT NULL,
	clusters  INTEGER NOT NULL,
	first     TEXT,
	last      TEXT,
	PRIMARY KEY (year, type, mode, party_key)
) WITHOUT ROWID;
CREATE TABLE cluster_year_spans (
	year       TEXT NOT NULL,
	cluster_id INTEGER NOT NULL,
	PRIMARY KEY (year, cluster_id)
) WITHOUT ROWID;

-- events_day orders a day's events by seq (the order stored), no longer
-- by id: ids are hashes, so each new event went to a random leaf of the
-- index, and now goes to the end of its day.
DROP INDEX events_day;
CREATE INDEX events_day ON events (day, seq, cluster_id);
