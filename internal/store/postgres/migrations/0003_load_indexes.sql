-- 0003: the secondary indexes a bulk load drops (BeginLoad) and FinishLoad
-- builds again, by name with their definitions, so that a load finished by
-- another process (the Beam pipeline's last step) knows what to rebuild.
-- Building an index once over loaded rows is several times cheaper than
-- keeping it current row by row (see bulk.go).
CREATE TABLE load_indexes (
	name text PRIMARY KEY,
	def  text NOT NULL
);
