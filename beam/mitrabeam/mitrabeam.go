// Package mitrabeam is mitra's ingest as an Apache Beam pipeline, for
// inputs past one machine (a month of CC-NEWS: about ten million pages):
// the same per-page step as `mitra ingest` (pipeline.Code: clean, detect,
// extract, sign), near-duplicates and clusters decided over the whole
// input, and a bulk load into PostgreSQL with one COPY per table per
// bundle. A run over some pages leaves the record `mitra ingest` leaves
// over the same pages: the same documents and canonical copies, the same
// events in the same clusters (the cluster ids differ, in the same order).
//
// The stages, and why each is where it is:
//
//  1. Expand the inputs (globs on any Beam filesystem, local folders walked
//     as ingest walks them) into files numbered in ingest's order; read
//     each (ingest.ReadFile: pages, JSONL, WARC, WARC.gz, feeds, gzip) into
//     cleaned documents, each with its position in the input, the order
//     every later decision follows.
//  2. Code each document (pipeline.Code) after a reshuffle, so that one
//     large file's pages are coded on every worker.
//  3. Keep the first of each content hash (ingest skips an exact re-post).
//  4. Near-duplicates, as ingest's writer decides them: a document's
//     candidates are the earlier documents sharing an LSH bucket, most
//     shared buckets first, then earliest; of the first
//     pipeline.NearCandidates, the first whose text passes dedup.Jaccard is
//     its original, and its canonical document is that one's (or that one).
//     Buckets are grouped to find candidate pairs, texts joined to them,
//     and the chains of originals resolved in one place (they are few).
//  5. Clusters: the events of one type and party set are grouped and
//     assigned in input order with the store's rule (store.SameAct and the
//     candidate order of Write), which only ever compares events of one
//     such group. A cluster's id is its first mention's event key, so ids
//     sort as ingest's do.
//  6. Write documents, events, clusters and failed inputs to PostgreSQL
//     (postgres.Load*: a staged COPY per table per bundle, idempotent when a
//     runner retries a bundle), then, once every write is done,
//     postgres.FinishLoad.
//
// Keys are the positions: a document's is 1 + file<<32 + record, an
// event's the document's <<12 + its index, so that any worker can make
// them without asking anyone, and they sort in input order.
package mitrabeam

import (
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"mitra/internal/store/postgres"
)

// Options describe a run.
type Options struct {
	// Inputs are file globs on any filesystem Beam knows (local paths,
	// gs://…, s3://…) or local folders, read as `mitra ingest` reads them.
	Inputs []string
	// DSN is the PostgreSQL database to load, which must be empty.
	DSN string
	// MaxMB is the largest page read, in MiB (0: ingest's default).
	MaxMB int
}

// Counts are what a run did, for its report.
type Counts struct {
	Read, Failed, Documents, Duplicates, Exact, Events, Clusters int64
}

// Build adds the pipeline to s. The database is written only when the
// pipeline runs.
func Build(s beam.Scope, opt Options) error {
	if len(opt.Inputs) == 0 {
		return fmt.Errorf("no inputs")
	}
	if !postgres.IsDSN(opt.DSN) {
		return fmt.Errorf("--db must be a postgres:// URL, not %q", opt.DSN)
	}
	inputs := make([]input, len(opt.Inputs))
	for i, in := range opt.Inputs {
		inputs[i] = input{Index: i, Pattern: in}
	}
	files := beam.ParDo(s.Scope("Expand"), expandInput, beam.CreateList(s, inputs))
	numbered := beam.ParDo(s.Scope("Number"), numberFiles, beam.Combine(s.Scope("AllFiles"), &collectFiles{}, files))
	pages, failed := beam.ParDo2(s.Scope("Read"), &readFn{MaxMB: opt.MaxMB}, beam.Reshuffle(s, numbered))
	coded, failedCode := beam.ParDo2(s.Scope("Code"), &codeFn{}, beam.Reshuffle(s, pages))
	unique := beam.ParDo(s.Scope("FirstOfHash"), firstOfHash, beam.GroupByKey(s, coded))

	final := nearDuplicates(s.Scope("NearDuplicates"), unique)

	docs := beam.ParDo(s.Scope("Documents"), loadDoc, final)
	events, clusters := beam.ParDo2(s.Scope("Clusters"), assignClusters,
		beam.GroupByKey(s, beam.ParDo(s.Scope("Mentions"), mentionsOf, final)))
	errs := beam.ParDo(s.Scope("Errors"), loadError, beam.Flatten(s, failed, failedCode))

	w := s.Scope("Write")
	written := beam.Flatten(w,
		beam.ParDo(w, &writeDocs{DSN: opt.DSN}, docs),
		beam.ParDo(w, &writeEvents{DSN: opt.DSN}, events),
		beam.ParDo(w, &writeClusters{DSN: opt.DSN}, clusters),
		beam.ParDo(w, &writeErrors{DSN: opt.DSN}, errs))
	// The side input holds the finish back until every write is done.
	beam.ParDo0(s.Scope("Finish"), &finishFn{DSN: opt.DSN}, beam.Impulse(s), beam.SideInput{Input: written})
	return nil
}

// CheckTarget verifies that the database can take a bulk load: it opens
// (migrating the schema) and is empty. It then readies it for the load
// (postgres.BeginLoad: secondary indexes are built once, by the finish).
func CheckTarget(ctx context.Context, dsn string) error {
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%s holds a record already: the Beam pipeline loads an empty database (use a new database or schema, or mitra ingest to add to this one)", db.Name())
	}
	return db.BeginLoad(ctx)
}

// CountsOf reads a finished run's counts from its metrics.
func CountsOf(res beam.PipelineResult) Counts {
	var c Counts
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Key.Namespace != "mitra" {
			continue
		}
		v := r.Result()
		switch r.Key.Name {
		case "pages_read":
			c.Read += v
		case "inputs_failed":
			c.Failed += v
		case "documents":
			c.Documents += v
		case "near_duplicates":
			c.Duplicates += v
		case "exact_reposts":
			c.Exact += v
		case "events":
			c.Events += v
		case "clusters":
			c.Clusters += v
		}
	}
	return c
}
