package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"mitra/internal/store"
)

// metaBatch bounds the hashes looked up in one query.
const metaBatch = 500

// DocumentMetas returns the metadata of the stored documents among hashes
// (store.DocMetaStore): one query per 500 hashes, reading neither raw
// bytes nor text (the text's length comes from SQLite's length()).
func (db *DB) DocumentMetas(ctx context.Context, hashes []string) (map[string]store.DocMeta, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	out := make(map[string]store.DocMeta, len(hashes))
	for len(hashes) > 0 {
		n := min(len(hashes), metaBatch)
		keys, err := json.Marshal(hashes[:n])
		if err != nil {
			return nil, fmt.Errorf("document metadata: %w", err)
		}
		hashes = hashes[n:]
		rows, err := db.r.QueryContext(ctx, `SELECT hash, id, source, url, outlet, lang, pub_date, title, canonical,
			ingested_at, length(text), build, codebook FROM documents WHERE hash IN (SELECT value FROM json_each(?))`, string(keys))
		if err != nil {
			return nil, fmt.Errorf("document metadata: %w", err)
		}
		for rows.Next() {
			var m store.DocMeta
			var pub, canonical sql.NullString
			var at string
			if err := rows.Scan(&m.Hash, &m.ID, &m.Source, &m.URL, &m.Outlet, &m.Lang, &pub, &m.Title, &canonical,
				&at, &m.TextLen, &m.Build, &m.Codebook); err != nil {
				rows.Close()
				return nil, fmt.Errorf("document metadata: %w", err)
			}
			m.PubDate, m.Canonical = pub.String, canonical.String
			if m.IngestedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("document %s: ingested_at %q: %w", m.Hash, at, err)
			}
			out[m.Hash] = m
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("document metadata: %w", err)
		}
	}
	return out, nil
}

// EventsOfClusters returns the events of the clusters ids, ordered by day
// (undated last), then as stored (store.ClusterEventsStore): a page of acts reads
// their reports through events_cluster, whatever the filter that chose
// them.
func (db *DB) EventsOfClusters(ctx context.Context, ids []int64) ([]store.Event, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if len(ids) == 0 {
		return []store.Event{}, nil
	}
	keys, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("events of clusters: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+eventCols+` FROM events e
		WHERE e.cluster_id IN (SELECT value FROM json_each(?)) ORDER BY e.day NULLS LAST, e.seq`, string(keys))
	if err != nil {
		return nil, fmt.Errorf("events of clusters: %w", err)
	}
	return scanEvents(rows)
}
