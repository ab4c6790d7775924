package sqlite

import (
	"math/rand/v2"
	"testing"
)

func TestPlanTmp(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 300 {
		db.Put(ctx, testBatch(r, i))
	}
	db.w.Exec("ANALYZE")
	for _, q := range []string{
		`SELECT b.doc_seq, b.n, d.hash FROM
		(SELECT doc_seq, COUNT(*) AS n FROM buckets WHERE bucket IN (SELECT value FROM json_each('[1,2]')) GROUP BY doc_seq) b
		JOIN documents d ON d.seq = b.doc_seq`,
		`SELECT (SELECT value FROM meta WHERE key = 'bucket_seq'), (SELECT COALESCE(MAX(seq), 0) FROM documents)`,
		`SELECT id FROM events e WHERE e.seq IN (SELECT event_seq FROM event_parties WHERE code = 'RUS' INTERSECT SELECT event_seq FROM event_parties WHERE code = 'MLI') ORDER BY e.day NULLS LAST, e.id`,
		`SELECT id FROM events e ORDER BY e.day NULLS LAST, e.id LIMIT 100`,
		`SELECT id FROM events e WHERE day >= '2025-01-01' AND day <= '2025-02-01' ORDER BY e.day NULLS LAST, e.id LIMIT 100`,
		`SELECT c.id FROM clusters c WHERE c.id IN (SELECT e.cluster_id FROM events e WHERE e.seq IN (SELECT event_seq FROM event_parties WHERE code = 'RUS' INTERSECT SELECT event_seq FROM event_parties WHERE code = 'MLI')) ORDER BY c.first NULLS LAST, c.id`,
		`SELECT id, mode, actors, recipients, contexts, date, first, last FROM clusters
			WHERE type = ?1 AND party_key = ?2 AND last >= ?3 AND first <= ?4
			UNION ALL
			SELECT id, mode, actors, recipients, contexts, date, first, last FROM clusters
			WHERE type = ?1 AND party_key = ?2 AND last IS NULL
			ORDER BY id`,
	} {
		rows, err := db.r.Query("EXPLAIN QUERY PLAN "+q, "AGREE", "MLI,RUS", "2025-01-01", "2025-01-14")
		if err != nil {
			t.Fatal(err)
		}
		t.Log(q)
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			t.Logf("  %d %d %s", id, parent, detail)
		}
		rows.Close()
	}
}
