package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/store"
)

// Bulk loads. A loader that decides near-duplicates and clusters over its
// whole input itself (the Beam pipeline, mitra/beam) writes finished rows:
// documents, events with their clusters, clusters with their sources and
// outlets, errors — each call one transaction with one COPY per table (into
// a staging table, then INSERT … ON CONFLICT DO NOTHING, so that a bundle
// a runner retries after it committed adds nothing twice), from any number
// of workers at once and in any order. Keys are the loader's: they must be
// unique, and order documents, events and clusters as an ingest would
// (input order). FinishLoad then brings the counts, the key sequences and
// the planner's statistics in line with what was loaded. A bulk load goes
// into an empty store (Empty): it does not merge its clusters with stored
// ones.
//
// BeginLoad, called once before the first Load*, drops the secondary
// indexes of the tables Load* writes (every index but the primary keys and
// unique ones, which the loads' ON CONFLICT needs), and FinishLoad builds
// them again: one sorted build per index instead of a random insert per
// row into indexes that outgrow memory (the GIN index of the evidence's
// words most of all). Until FinishLoad the store answers correctly but
// slowly; a load that fails before it leaves the indexes to the next
// FinishLoad, which any later load or a rerun calls.

// LoadDoc is a document to load under key Seq.
type LoadDoc struct {
	Seq     int64
	Doc     store.Document
	Buckets []uint64
}

// LoadEvent is an event to load under key Seq, of the document loaded
// under DocSeq, in the cluster Event.ClusterID.
type LoadEvent struct {
	Seq, DocSeq int64
	Event       store.Event
}

// LoadCluster is a finished cluster with the keys of the distinct
// canonical documents (Sources) and the outlets reporting it.
type LoadCluster struct {
	Cluster store.Cluster
	Sources []int64
	Outlets []string
}

// LoadError is an input that failed.
type LoadError struct{ Source, Reason string }

// Empty reports whether the store holds no document, event, cluster or
// error: what a bulk load needs.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	if err := db.begin(); err != nil {
		return false, err
	}
	defer db.mu.RUnlock()
	var empty bool
	err := db.pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM clusters)
		AND NOT EXISTS (SELECT 1 FROM errors)`).Scan(&empty)
	if err != nil {
		return false, fmt.Errorf("empty: %w", err)
	}
	return empty, nil
}

// stagedCopy copies rows into a staging table like table and moves those
// whose keys are new into table. It returns the number moved.
func stagedCopy(ctx context.Context, tx pgx.Tx, table string, cols []string, rows [][]any) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	stage := "stage_" + table
	if _, err := tx.Exec(ctx, "CREATE TEMP TABLE IF NOT EXISTS "+stage+" (LIKE "+table+") ON COMMIT DELETE ROWS"); err != nil {
		return 0, fmt.Errorf("stage %s: %w", table, err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{stage}, cols, pgx.CopyFromRows(rows)); err != nil {
		return 0, fmt.Errorf("copy %s: %w", table, err)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = pgx.Identifier{c}.Sanitize()
	}
	list := strings.Join(quoted, ", ")
	tag, err := tx.Exec(ctx, "INSERT INTO "+table+" ("+list+") SELECT "+list+" FROM "+stage+" ON CONFLICT DO NOTHING")
	if err != nil {
		return 0, fmt.Errorf("load %s: %w", table, err)
	}
	return tag.RowsAffected(), nil
}

// loadTables are the tables Load* writes.
var loadTables = []string{"documents", "events", "event_parties", "event_ids", "clusters", "cluster_sources", "cluster_outlets"}

// BeginLoad prepares the store for a bulk load (see the bulk load
// comment): it records the definitions of the loaded tables' secondary
// indexes in load_indexes and drops them. Calling it again drops nothing
// more and keeps the recorded definitions.
func (db *DB) BeginLoad(ctx context.Context) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", lockWrite); err != nil {
			return err
		}
		// Indexes of the tables themselves (a partitioned table's index
		// stands for its partitions'), neither unique nor a primary key.
		rows, _ := tx.Query(ctx, `SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
			JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
				AND NOT t.relispartition AND NOT x.indisunique AND NOT x.indisprimary
			ORDER BY i.relname`, loadTables)
		var names, defs []string
		var name, def string
		if _, err := pgx.ForEachRow(rows, []any{&name, &def}, func() error {
			names, defs = append(names, name), append(defs, def)
			return nil
		}); err != nil {
			return err
		}
		for i := range names {
			if _, err := tx.Exec(ctx, `INSERT INTO load_indexes (name, def) VALUES ($1, $2) ON CONFLICT DO NOTHING`, names[i], defs[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "DROP INDEX "+pgx.Identifier{names[i]}.Sanitize()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("begin load: %w", err)
	}
	return nil
}

// rebuildIndexes builds the indexes BeginLoad dropped, in tx.
func rebuildIndexes(ctx context.Context, tx pgx.Tx) error {
	rows, _ := tx.Query(ctx, `SELECT name, def FROM load_indexes ORDER BY name`)
	defs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var nd [2]string
		err := r.Scan(&nd[0], &nd[1])
		return nd, err
	})
	if err != nil {
		return err
	}
	for _, nd := range defs {
		// A partitioned table's index is defined ON ONLY the table (its
		// partitions' indexes attached one by one); built afresh, it is
		// built on every partition at once.
		def := strings.Replace(nd[1], " ON ONLY ", " ON ", 1)
		if _, err := tx.Exec(ctx, def); err != nil {
			return fmt.Errorf("index %s: %w", nd[0], err)
		}
	}
	_, err = tx.Exec(ctx, `DELETE FROM load_indexes`)
	return err
}

// LoadDocuments loads documents (see the bulk load comment).
func (db *DB) LoadDocuments(ctx context.Context, docs []LoadDoc) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	rows := make([][]any, len(docs))
	for i := range docs {
		rows[i] = documentRow(docs[i].Seq, &docs[i].Doc, encodeBuckets(docs[i].Buckets))
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		_, err := stagedCopy(ctx, tx, "documents", documentColumns, rows)
		return err
	})
}

// LoadEvents loads events, with their parties and ids.
func (db *DB) LoadEvents(ctx context.Context, evs []LoadEvent) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	var months []time.Time
	var evRows, partyRows, idRows [][]any
	for i := range evs {
		e := &evs[i].Event
		day := dayOf(usableDay(e))
		if day.InfinityModifier == pgtype.Finite {
			months = append(months, day.Time)
		}
		evRows = append(evRows, eventRow(day, evs[i].Seq, evs[i].DocSeq, e.ClusterID, e))
		idRows = append(idRows, []any{e.ID, evs[i].DocSeq})
		partyRows = appendPartyRows(partyRows, day, evs[i].Seq, e.ClusterID, e)
	}
	if err := db.parts.ensure(ctx, db.pool, months); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, c := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"events", eventColumns, evRows},
			{"event_parties", partyColumns, partyRows},
			{"event_ids", []string{"id", "doc_seq"}, idRows},
		} {
			if _, err := stagedCopy(ctx, tx, c.table, c.cols, c.rows); err != nil {
				return err
			}
		}
		return nil
	})
}

// LoadClusters loads finished clusters with their sources and outlets.
func (db *DB) LoadClusters(ctx context.Context, cs []LoadCluster) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	var rows, srcRows, outRows [][]any
	for i := range cs {
		c := &cs[i]
		rows = append(rows, clusterRow(&c.Cluster))
		for _, s := range c.Sources {
			srcRows = append(srcRows, []any{c.Cluster.ID, s})
		}
		for _, o := range c.Outlets {
			outRows = append(outRows, []any{c.Cluster.ID, o})
		}
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, c := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"clusters", clusterColumns, rows},
			{"cluster_sources", []string{"cluster_id", "source"}, srcRows},
			{"cluster_outlets", []string{"cluster_id", "outlet"}, outRows},
		} {
			if _, err := stagedCopy(ctx, tx, c.table, c.cols, c.rows); err != nil {
				return err
			}
		}
		return nil
	})
}

// LoadErrors loads failed inputs.
func (db *DB) LoadErrors(ctx context.Context, errs []LoadError) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	srcs, reasons := make([]string, len(errs)), make([]string, len(errs))
	for i, e := range errs {
		srcs[i], reasons[i] = e.Source, e.Reason
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO errors (source, reason, at) SELECT s, r, now() FROM unnest($1::text[], $2::text[]) AS x (s, r)
		ON CONFLICT DO NOTHING`, srcs, reasons)
	if err != nil {
		return fmt.Errorf("load errors: %w", err)
	}
	return nil
}

// FinishLoad ends a bulk load: it sets the counts Stats reads from the
// tables, builds the indexes BeginLoad dropped and the rollups from the clusters, moves the key sequences past the loaded keys (so that a later
// ingest adds after them), and vacuums and analyzes the loaded tables.
func (db *DB) FinishLoad(ctx context.Context) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", lockWrite); err != nil {
			return err
		}
		for _, q := range []string{
			`SELECT setval('documents_seq', GREATEST((SELECT max(seq) FROM documents), 1))`,
			`SELECT setval('events_seq', GREATEST((SELECT max(seq) FROM events), 1))`,
			`SELECT setval('clusters_seq', GREATEST((SELECT max(id) FROM clusters), 1))`,
			`UPDATE counts SET documents = (SELECT count(*) FROM documents),
				duplicates = (SELECT count(*) FROM documents WHERE canonical IS NOT NULL),
				events = (SELECT count(*) FROM events), clusters = (SELECT count(*) FROM clusters),
				errors = (SELECT count(*) FROM errors),
				first = (SELECT min(day) FROM events WHERE day < 'infinity'),
				last = (SELECT max(day) FROM events WHERE day < 'infinity')`,
			`DELETE FROM lang_counts`,
			`INSERT INTO lang_counts (lang, documents) SELECT lang, count(*) FROM documents GROUP BY lang`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		if err := rebuildIndexes(ctx, tx); err != nil {
			return err
		}
		return rebuildRollups(ctx, tx)
	})
	if err == nil {
		// VACUUM too: it marks the loaded pages all-visible, so that
		// index-only scans (the party index's INCLUDE columns, counts of
		// days) do not visit the table for every row until autovacuum
		// comes by.
		_, err = db.pool.Exec(ctx, "VACUUM (ANALYZE) documents, events, event_parties, event_ids, clusters, cluster_sources, cluster_outlets, pair_tallies, link_months")
	}
	if err != nil {
		return fmt.Errorf("finish load: %w", err)
	}
	return nil
}
