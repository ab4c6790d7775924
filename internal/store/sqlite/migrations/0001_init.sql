-- 0001: mitra's first schema.
--
-- Conventions: dates are TEXT "YYYY-MM-DD", "YYYY-MM" or "YYYY" (NULL when
-- unknown); lists are JSON arrays in TEXT; times are RFC 3339 UTC TEXT.
-- Tables whose rows are pointed at from elsewhere carry an INTEGER PRIMARY
-- KEY (seq) so that rowids survive VACUUM (the full-text index points at
-- events.seq); the external keys (documents.hash, events.id) are UNIQUE.

-- documents: one stored page. raw and text come last so that scans of the
-- metadata never read their overflow pages.
CREATE TABLE documents (
	seq         INTEGER PRIMARY KEY,
	hash        TEXT NOT NULL UNIQUE CHECK (hash <> ''), -- hex SHA-256 of raw
	id          TEXT NOT NULL,                           -- the input's id
	source      TEXT NOT NULL,
	url         TEXT NOT NULL,
	outlet      TEXT NOT NULL,
	lang        TEXT NOT NULL,
	pub_date    TEXT,
	title       TEXT NOT NULL,
	canonical   TEXT,          -- hash of the document this one nearly duplicates
	ingested_at TEXT NOT NULL,
	buckets     BLOB,          -- LSH buckets, 8 bytes each, big-endian (see buckets)
	raw         BLOB NOT NULL,
	text        TEXT NOT NULL
);
CREATE INDEX documents_id ON documents (id);
CREATE INDEX documents_outlet ON documents (outlet);
CREATE INDEX documents_lang ON documents (lang);
CREATE INDEX documents_canonical ON documents (canonical) WHERE canonical IS NOT NULL;

-- clusters: one act as reported by any number of documents. Clusters are
-- never deleted, so ids are never reused.
CREATE TABLE clusters (
	id         INTEGER PRIMARY KEY,
	type       TEXT NOT NULL,
	mode       TEXT NOT NULL,
	party_key  TEXT NOT NULL,  -- store.PartyKey: sorted distinct codes
	actors     TEXT NOT NULL,  -- JSON codes, from the first mention
	recipients TEXT NOT NULL,  -- JSON codes, from the first mention
	contexts   TEXT NOT NULL,  -- JSON, union over mentions
	date       TEXT,           -- the most precise event date seen
	first      TEXT,           -- min and max store.EventDay of the mentions
	last       TEXT,
	mentions   INTEGER NOT NULL,
	sources    INTEGER NOT NULL, -- = count of cluster_sources rows
	outlets    INTEGER NOT NULL  -- = count of cluster_outlets rows
);
CREATE INDEX clusters_key ON clusters (type, party_key, last);

-- cluster_sources and cluster_outlets: the distinct canonical documents and
-- outlets reporting a cluster, so that Put keeps the counts exact in
-- constant time.
CREATE TABLE cluster_sources (
	cluster_id INTEGER NOT NULL REFERENCES clusters (id),
	source     INTEGER NOT NULL, -- seq of the canonical document, or the document's own
	PRIMARY KEY (cluster_id, source)
) WITHOUT ROWID;
CREATE TABLE cluster_outlets (
	cluster_id INTEGER NOT NULL REFERENCES clusters (id),
	outlet     TEXT NOT NULL,
	PRIMARY KEY (cluster_id, outlet)
) WITHOUT ROWID;

-- events: one coded act as found in one document (a mention, with its
-- evidence).
CREATE TABLE events (
	seq            INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE CHECK (id <> ''),
	doc_seq        INTEGER NOT NULL REFERENCES documents (seq),
	doc            TEXT NOT NULL,  -- the extractor's doc (input id)
	lang           TEXT NOT NULL,
	type           TEXT NOT NULL CHECK (type <> ''),
	mode           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	factuality     TEXT NOT NULL,
	date           TEXT,
	date_precision TEXT NOT NULL,
	date_note      TEXT NOT NULL,
	pub_date       TEXT,
	day            TEXT,           -- store.EventDay: date, else pub_date, as a day
	confidence     REAL NOT NULL,
	codebook       TEXT NOT NULL,
	contexts       TEXT NOT NULL,  -- JSON
	sentence       TEXT NOT NULL,
	span_start     INTEGER NOT NULL,
	span_end       INTEGER NOT NULL,
	trigger        TEXT NOT NULL,
	cluster_id     INTEGER NOT NULL REFERENCES clusters (id)
);
CREATE INDEX events_day ON events (day, id);
CREATE INDEX events_doc ON events (doc_seq);
CREATE INDEX events_cluster ON events (cluster_id);

-- event_parties: actors and recipients of an event, in order.
CREATE TABLE event_parties (
	event_seq INTEGER NOT NULL REFERENCES events (seq),
	side      TEXT NOT NULL CHECK (side IN ('actor', 'recipient')),
	pos       INTEGER NOT NULL,
	code      TEXT NOT NULL,
	text      TEXT NOT NULL,
	role      TEXT NOT NULL,
	PRIMARY KEY (event_seq, side, pos)
) WITHOUT ROWID;
CREATE INDEX event_parties_code ON event_parties (code, event_seq);

-- events_fts: words of the evidence sentences (Filter.Text). It is brought
-- up to date in batches (see meta 'fts_seq'), not by triggers, because an
-- FTS5 segment per document would cost more than the rest of a Put.
CREATE VIRTUAL TABLE events_fts USING fts5 (
	sentence,
	content = 'events',
	content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);

-- buckets: LSH band hashes of each document's MinHash signature (uint64
-- stored as its int64 bit pattern), for near-duplicate look-ups. Random
-- keys make this the costliest index to keep, so it is filled in batches
-- from documents.buckets (see meta 'bucket_seq'); until then the store
-- looks the newest documents up in memory.
CREATE TABLE buckets (
	bucket  INTEGER NOT NULL,
	doc_seq INTEGER NOT NULL REFERENCES documents (seq),
	PRIMARY KEY (bucket, doc_seq)
) WITHOUT ROWID;

-- errors: inputs that failed.
CREATE TABLE errors (
	seq    INTEGER PRIMARY KEY,
	source TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT NOT NULL
);

-- meta: the store's own bookkeeping.
--   fts_seq: events with seq up to this are in events_fts;
--   bucket_seq: documents with seq up to this are in buckets.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('fts_seq', 0), ('bucket_seq', 0);
