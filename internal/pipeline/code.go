package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"mitra/internal/article"
	"mitra/internal/buildinfo"
	"mitra/internal/dedup"
	"mitra/internal/record"
	"mitra/internal/store"
)

// NearCandidates is how many stored documents sharing buckets with a page
// (most shared first, then earliest) ingest compares with it exactly:
// the first whose text is within dedup.Threshold is its original.
const NearCandidates = 5

// Coded is one page made ready for the store.
type Coded struct {
	Batch store.Batch // the document, its asserted events and its near-duplicate buckets
	Text  string      // the clean text, for the exact near-duplicate check (dedup.Jaccard)
	// Unsupported says why the page has no events although it was read: no
	// pack reads its language. It is stored all the same.
	Unsupported string
}

// Hash returns the key of a page in the store: the hex SHA-256 of its raw
// bytes.
func Hash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// Code is the per-page step of an ingest, here and in the Beam pipeline
// (mitra/beam): it detects the language of a read and cleaned document,
// extracts its events, keeps the asserted ones under ids unique to the
// page's content, and signs its text for near-duplicate search. at is the
// ingest time recorded with the document. A panic in a stage becomes an
// error naming the document.
func (p *Pipeline) Code(d *article.Doc, at time.Time) (c *Coded, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("%s: internal error: %v", d.Source, r)
		}
	}()
	hash := Hash(d.Raw)
	r := p.Process(d)
	doc := store.Document{
		Hash: hash, ID: d.ID, Source: d.Source, URL: d.URL, Outlet: outlet(d.URL), Lang: d.Lang,
		PubDate: d.PubDate.String(), Title: d.Title, Raw: d.Raw, Text: d.Text, IngestedAt: at,
		Build: buildinfo.String(), Codebook: record.Codebook,
	}
	var evs []store.Event
	for _, e := range r.Events {
		if e.Factuality != record.Asserted {
			continue
		}
		// The extractor's id is unique within one input; in the store, two
		// different pages may share a file name, so the content decides.
		id := sha256.Sum256([]byte(hash + "\x00" + e.ID))
		e.ID = hex.EncodeToString(id[:10])
		evs = append(evs, store.Event{Event: e, DocHash: hash})
	}
	return &Coded{Batch: store.Batch{Doc: doc, Events: evs, Buckets: dedup.Signature(d.Text).Buckets()}, Text: d.Text, Unsupported: r.Skipped}, nil
}
