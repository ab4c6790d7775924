-- 0005: which build and codebook coded each page, and flat views for SQL
-- users (docs/sql.md describes them).
--
-- build is the mitra build that coded the page ("mitra v1.2.0 (3f2a1c9,
-- 2026-01-05)", see internal/buildinfo); codebook is the ontology version
-- (record.Codebook). Pages stored before this migration have '' in both.
ALTER TABLE documents ADD COLUMN build TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN codebook TEXT NOT NULL DEFAULT '';

-- clusters_first: pages of acts newest first (GET /api/acts, the page's
-- events tab) walk it backwards instead of sorting every cluster (on
-- 52,000 clusters, the newest 100 of a half-year: 450–750 ms sorting,
-- see ClustersNewest).
CREATE INDEX clusters_first ON clusters (first, id);

-- event_rows: one row per event (a mention: an act as coded in one page),
-- with its parties as ';'-joined codes, the first actor and recipient on
-- their own, dates as stored (date at its precision) and as a day
-- (date_start: the first day the date covers), and the page it came from.
CREATE VIEW event_rows AS
SELECT
	e.id                 AS event_id,
	e.cluster_id         AS act_id,
	e.type               AS type,
	e.mode               AS mode,
	e.quad               AS quad,
	(SELECT code FROM event_parties p WHERE p.event_seq = e.seq AND p.side = 'actor' ORDER BY p.pos LIMIT 1) AS actor,
	(SELECT code FROM event_parties p WHERE p.event_seq = e.seq AND p.side = 'recipient' ORDER BY p.pos LIMIT 1) AS recipient,
	(SELECT group_concat(code, ';') FROM (SELECT code FROM event_parties p WHERE p.event_seq = e.seq AND p.side = 'actor' ORDER BY p.pos)) AS actors,
	(SELECT group_concat(code, ';') FROM (SELECT code FROM event_parties p WHERE p.event_seq = e.seq AND p.side = 'recipient' ORDER BY p.pos)) AS recipients,
	e.date               AS date,
	e.date_precision     AS date_precision,
	CASE length(e.date) WHEN 4 THEN e.date || '-01-01' WHEN 7 THEN e.date || '-01' ELSE e.date END AS date_start,
	e.pub_date           AS pub_date,
	e.day                AS day,
	e.factuality         AS factuality,
	e.confidence         AS confidence,
	(SELECT group_concat(value, ';') FROM json_each(e.contexts)) AS contexts,
	e.sentence           AS sentence,
	e.trigger            AS trigger,
	e.span_start         AS span_start,
	e.span_end           AS span_end,
	e.lang               AS lang,
	e.codebook           AS codebook,
	d.id                 AS doc_id,
	d.hash               AS doc_hash,
	d.url                AS url,
	d.outlet             AS outlet,
	d.title              AS title,
	d.canonical          AS canonical,
	d.build              AS build
FROM events e JOIN documents d ON d.seq = e.doc_seq;

-- event_dyads: one row per event and directed pair: each actor with each
-- recipient; for a reciprocal act (no recipient: "A and B signed") each
-- ordered pair of distinct actors, marked reciprocal = 1. An act with one
-- party and no recipient has no row.
CREATE VIEW event_dyads AS
SELECT
	e.id AS event_id, e.cluster_id AS act_id, e.type AS type, e.mode AS mode, e.quad AS quad,
	a.code AS actor, r.code AS recipient, 0 AS reciprocal,
	e.date AS date, e.date_precision AS date_precision, e.day AS day,
	d.url AS url, d.outlet AS outlet, d.title AS title
FROM events e
JOIN documents d ON d.seq = e.doc_seq
JOIN event_parties a ON a.event_seq = e.seq AND a.side = 'actor'
JOIN event_parties r ON r.event_seq = e.seq AND r.side = 'recipient'
UNION ALL
SELECT
	e.id, e.cluster_id, e.type, e.mode, e.quad,
	a.code, b.code, 1,
	e.date, e.date_precision, e.day,
	d.url, d.outlet, d.title
FROM events e
JOIN documents d ON d.seq = e.doc_seq
JOIN event_parties a ON a.event_seq = e.seq AND a.side = 'actor'
JOIN event_parties b ON b.event_seq = e.seq AND b.side = 'actor' AND b.code <> a.code
WHERE NOT EXISTS (SELECT 1 FROM event_parties x WHERE x.event_seq = e.seq AND x.side = 'recipient');

-- act_rows: one row per act (cluster), however many pages reported it,
-- with the page of its first report (earliest day, then first stored).
CREATE VIEW act_rows AS
SELECT
	c.id AS act_id, c.type AS type, c.mode AS mode,
	json_extract(c.actors, '$[0]') AS actor,
	json_extract(c.recipients, '$[0]') AS recipient,
	(SELECT group_concat(value, ';') FROM json_each(c.actors)) AS actors,
	(SELECT group_concat(value, ';') FROM json_each(c.recipients)) AS recipients,
	(SELECT group_concat(value, ';') FROM json_each(c.contexts)) AS contexts,
	c.date AS date,
	CASE length(c.date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END AS date_precision,
	c.first AS first, c.last AS last,
	c.mentions AS mentions, c.sources AS sources, c.outlets AS outlets,
	f.url AS url, f.outlet AS outlet, f.title AS title, f.id AS doc_id
FROM clusters c
LEFT JOIN documents f ON f.seq = (
	SELECT e.doc_seq FROM events e WHERE e.cluster_id = c.id ORDER BY e.day NULLS LAST, e.doc_seq LIMIT 1);
