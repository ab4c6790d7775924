-- 0001: mitra's first PostgreSQL schema.
--
-- Conventions: event dates as the extractor wrote them are text ("YYYY-MM-DD",
-- "YYYY-MM" or "YYYY", NULL when unknown); the day an event is placed on
-- (store.EventDay) is a date, 'infinity' when it has none, so that undated
-- events sort last and fall in a partition of their own. Text that is sorted
-- or grouped on (ids, types, party codes) is COLLATE "C": byte order, as
-- store.LinksOf and SQLite sort, whatever the database's locale. Keys come
-- from sequences that Put draws from in blocks, in input order.
--
-- There are no foreign keys: every row of a document, its events and their
-- clusters is written by one transaction under the write lock (see
-- write.go), and foreign-key checks would cost the bulk loads a look-up per
-- row. IntegrityCheck verifies the references instead.

CREATE SEQUENCE documents_seq;
CREATE SEQUENCE clusters_seq;
CREATE SEQUENCE events_seq;

-- documents: one stored page. raw is compressed with lz4 (HTML compresses
-- about 4:1) and kept out of line by TOAST, so scans of the metadata never
-- read it.
CREATE TABLE documents (
	seq         bigint PRIMARY KEY,
	hash        text COLLATE "C" NOT NULL UNIQUE CHECK (hash <> ''), -- hex SHA-256 of raw
	id          text NOT NULL,                                       -- the input's id
	source      text NOT NULL,
	url         text NOT NULL,
	outlet      text NOT NULL,
	lang        text NOT NULL,
	pub_date    text,
	title       text NOT NULL,
	canonical   text COLLATE "C", -- hash of the document this one nearly duplicates
	ingested_at timestamptz NOT NULL,
	buckets     bigint[] NOT NULL, -- distinct LSH buckets (uint64 bit patterns), sorted
	raw         bytea NOT NULL,
	text        text NOT NULL
);
ALTER TABLE documents ALTER COLUMN raw SET COMPRESSION lz4;
ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4;
CREATE INDEX documents_id ON documents (id, seq);
-- Near-duplicate look-ups: documents sharing any bucket. GIN's pending list
-- takes the random keys of a batch in one go.
CREATE INDEX documents_buckets ON documents USING gin (buckets);

-- clusters: one act as reported by any number of documents. Clusters are
-- never deleted, so ids are never reused.
CREATE TABLE clusters (
	id         bigint PRIMARY KEY,
	type       text COLLATE "C" NOT NULL,
	mode       text COLLATE "C" NOT NULL,
	party_key  text COLLATE "C" NOT NULL, -- store.PartyKey: sorted distinct codes
	actors     text[] NOT NULL,           -- codes, from the first mention
	recipients text[] NOT NULL,
	contexts   text[] NOT NULL,           -- union over mentions, in order of arrival
	date       text,                      -- the most precise event date seen
	first      date,                      -- least and greatest store.EventDay of the mentions
	last       date,
	mentions   integer NOT NULL,
	sources    integer NOT NULL,          -- = rows of cluster_sources
	outlets    integer NOT NULL           -- = rows of cluster_outlets
);
-- Candidates for a new mention (see store.SameAct): one act, by last day.
CREATE INDEX clusters_key ON clusters (type, party_key, last, id);
-- Clusters' order, and periods decided from first and last (see query.go).
CREATE INDEX clusters_first ON clusters (first, id) INCLUDE (last);

-- Links by period: a rollup group's clusters (see link_months).
CREATE INDEX clusters_link ON clusters (type, mode, party_key, first, last);

-- pair_tallies: the rollup of a pair's series (Store.PairTallies): for each
-- pair of a cluster's parties (a <= b; a = b for each party alone), the
-- clusters placed on each day (store.PlaceDay) by type and mode. A write
-- moves a cluster it changes from its old row to its new one.
CREATE TABLE pair_tallies (
	a        text COLLATE "C" NOT NULL,
	b        text COLLATE "C" NOT NULL,
	day      date NOT NULL,
	type     text COLLATE "C" NOT NULL,
	mode     text COLLATE "C" NOT NULL,
	clusters integer NOT NULL,
	PRIMARY KEY (a, b, day, type, mode)
);

-- link_months: the rollup of networks (Store.Links): clusters grouped by
-- type, mode and parties and by the months of their first and last days
-- ('infinity' for undated clusters), with their count and least first and
-- greatest last day. A network over whole months sums the groups inside
-- it and looks only at the clusters across its bounds. A write recounts
-- the groups whose clusters it changed.
CREATE TABLE link_months (
	type        text COLLATE "C" NOT NULL,
	mode        text COLLATE "C" NOT NULL,
	party_key   text COLLATE "C" NOT NULL,
	first_month date NOT NULL,
	last_month  date NOT NULL,
	clusters    integer NOT NULL,
	first       date,
	last        date,
	PRIMARY KEY (type, mode, party_key, first_month, last_month)
);
CREATE INDEX link_months_months ON link_months (first_month, last_month);
-- The groups of clusters across months, which a period's bounds may cut.
CREATE INDEX link_months_across ON link_months (first_month, last_month) WHERE first_month <> last_month;

-- cluster_sources and cluster_outlets: the distinct canonical documents and
-- outlets reporting a cluster, so that a write keeps the counts exact.
CREATE TABLE cluster_sources (
	cluster_id bigint NOT NULL,
	source     bigint NOT NULL, -- seq of the canonical document, or the document's own
	PRIMARY KEY (cluster_id, source)
);
CREATE TABLE cluster_outlets (
	cluster_id bigint NOT NULL,
	outlet     text NOT NULL,
	PRIMARY KEY (cluster_id, outlet)
);

-- events: one coded act as found in one document (a mention, with its
-- evidence), partitioned by month of day (partitions are made as months
-- appear: see partitions.go). Parties are flattened triples code, text,
-- role, in order.
CREATE TABLE events (
	day            date NOT NULL, -- store.EventDay, 'infinity' when unknown
	seq            bigint NOT NULL,
	id             text COLLATE "C" NOT NULL CHECK (id <> ''),
	doc_seq        bigint NOT NULL,
	cluster_id     bigint NOT NULL,
	doc            text NOT NULL, -- the extractor's doc (input id)
	lang           text NOT NULL,
	type           text COLLATE "C" NOT NULL CHECK (type <> ''),
	mode           text NOT NULL,
	quad           smallint NOT NULL,
	factuality     text NOT NULL,
	date           text,
	date_precision text NOT NULL,
	date_note      text NOT NULL,
	pub_date       text,
	confidence     double precision NOT NULL,
	codebook       text NOT NULL,
	contexts       text[] NOT NULL,
	actors         text[] NOT NULL,
	recipients     text[] NOT NULL,
	sentence       text NOT NULL,
	span_start     integer NOT NULL,
	span_end       integer NOT NULL,
	trigger        text NOT NULL,
	PRIMARY KEY (day, seq)
) PARTITION BY RANGE (day);
-- Pages of events in order (day, then the order stored) and periods: the
-- primary key (day, seq).
CREATE INDEX events_doc ON events (doc_seq);
CREATE INDEX events_cluster ON events (cluster_id);
-- Filter.Text: every word, in any case ('simple' lower-cases and keeps
-- words whole).
CREATE INDEX events_text ON events USING gin (to_tsvector('simple', sentence));
CREATE TABLE events_undated PARTITION OF events FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (MINVALUE) TO ('2000-01-01');

-- event_ids: the event ids, unique across partitions.
CREATE TABLE event_ids (
	id      text COLLATE "C" PRIMARY KEY,
	doc_seq bigint NOT NULL
);

-- event_parties: for each event, a row (a, a) for each of its parties and
-- (a, b), a < b, for each pair of them, so that the events of a party or a
-- pair are one ordered range of the index (events by pair are the API's
-- commonest query). Partitioned like events.
CREATE TABLE event_parties (
	a          text COLLATE "C" NOT NULL,
	b          text COLLATE "C" NOT NULL,
	day        date NOT NULL,
	id         text COLLATE "C" NOT NULL,
	seq        bigint NOT NULL,
	cluster_id bigint NOT NULL
) PARTITION BY RANGE (day);
CREATE UNIQUE INDEX event_parties_ab ON event_parties (a, b, day, seq) INCLUDE (id, cluster_id);
CREATE TABLE event_parties_undated PARTITION OF event_parties FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE event_parties_old PARTITION OF event_parties FOR VALUES FROM (MINVALUE) TO ('2000-01-01');

-- errors: inputs that failed, once per input and reason (a rerun over the
-- same bad inputs updates the time).
CREATE TABLE errors (
	seq    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source text NOT NULL,
	reason text NOT NULL,
	at     timestamptz NOT NULL,
	UNIQUE (source, reason)
);

-- counts: Stats without counting rows (COUNT(*) reads a whole table in
-- PostgreSQL). One row, updated by each write under the write lock.
CREATE TABLE counts (
	one        boolean PRIMARY KEY DEFAULT true CHECK (one),
	documents  bigint NOT NULL,
	duplicates bigint NOT NULL,
	events     bigint NOT NULL,
	clusters   bigint NOT NULL,
	errors     bigint NOT NULL,
	first      date, -- least and greatest day of the dated events
	last       date
);
INSERT INTO counts VALUES (true, 0, 0, 0, 0, 0, NULL, NULL);
CREATE TABLE lang_counts (
	lang      text PRIMARY KEY,
	documents bigint NOT NULL
);
