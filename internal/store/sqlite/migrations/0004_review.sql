-- 0004: analysts' corrections (see review.go), kept apart from what the
-- extractor produced: a correction applies to the record itself (the
-- events, clusters and rollups every query reads), and its row keeps the
-- event as it stood, whole, with who changed it, when and why.
CREATE TABLE corrections (
	seq       INTEGER PRIMARY KEY, -- the correction's id
	action    TEXT NOT NULL CHECK (action IN ('wrong', 'correct', 'add', 'confirm', 'undo')),
	event_id  TEXT,                -- wrong, correct: the event; add: the event it made
	doc_hash  TEXT NOT NULL,       -- the document (for an undo, that of the correction undone)
	doc_id    TEXT NOT NULL,       -- its input id, to find copies of it ingested again
	event     TEXT,                -- JSON record.Event: the event as corrected or added
	before    TEXT,                -- JSON store.Event: the event as it stood (wrong, correct)
	anchor    TEXT,                -- the extractor's act and sentence first corrected, found again in a copy
	undoes    INTEGER,             -- undo: the correction reverted
	undone_by INTEGER,             -- the undo that reverted it
	reapplied INTEGER,             -- the correction this one repeats on another copy of its page
	author    TEXT NOT NULL,
	note      TEXT NOT NULL,
	at        TEXT NOT NULL        -- RFC 3339 UTC
);
CREATE INDEX corrections_event ON corrections (event_id);
CREATE INDEX corrections_doc ON corrections (doc_hash);

-- The events with no date of their own, by the day they are placed on:
-- what a period's left-out count (LeftOut) reads for "placed", without
-- reading every event of the period.
CREATE INDEX events_undated_day ON events (day) WHERE date IS NULL;
