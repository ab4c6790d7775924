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
