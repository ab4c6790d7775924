// Command mitra-beam runs mitra's ingest as an Apache Beam pipeline and
// loads the record into an empty PostgreSQL database: `mitra ingest` for
// inputs past one machine. It runs in-process on Prism by default; the
// --runner flag and the runner's own flags send it to Flink, Spark or
// Google Cloud Dataflow (see beam/README.md).
//
//	mitra-beam --db postgres://… --input 'crawl/*.warc.gz' [--input DIR] [--max-mb 20] [--runner …]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"mitra/beam/mitrabeam"
	"mitra/internal/store/postgres"
)

type inputs []string

func (in *inputs) String() string     { return strings.Join(*in, ",") }
func (in *inputs) Set(s string) error { *in = append(*in, s); return nil }

func main() {
	var in inputs
	flag.Var(&in, "input", "a file glob (on any Beam filesystem: local, gs://, s3://) or a local folder; repeat for more, read in order")
	db := flag.String("db", os.Getenv("MITRA_DB"), "the PostgreSQL database to load (postgres://…; default $MITRA_DB); it must be empty")
	maxMB := flag.Int("max-mb", 20, "largest page read, in MiB")
	flag.Parse()
	beam.Init()
	ctx := context.Background()
	if err := run(ctx, in, *db, *maxMB); err != nil {
		fmt.Fprintf(os.Stderr, "mitra-beam: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, in []string, dsn string, maxMB int) error {
	if len(in) == 0 {
		return fmt.Errorf("no --input")
	}
	// A dry run (--dry_run: Dataflow's translation only) touches no database.
	dry := false
	if f := flag.Lookup("dry_run"); f != nil && f.Value.String() == "true" {
		dry = true
	}
	if !dry {
		if err := mitrabeam.CheckTarget(ctx, dsn); err != nil {
			return err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	if err := mitrabeam.Build(s, mitrabeam.Options{Inputs: in, DSN: dsn, MaxMB: maxMB}); err != nil {
		return err
	}
	start := time.Now()
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	if res == nil {
		return nil // a dry run
	}
	c := mitrabeam.CountsOf(res)
	fmt.Fprintf(os.Stderr, "mitra-beam: %s: %d pages read, %d stored (%d near-duplicates), %d exact re-posts, %d events in %d clusters, %d failed, in %s\n",
		postgres.Redact(dsn), c.Read, c.Documents, c.Duplicates, c.Exact, c.Events, c.Clusters, c.Failed, time.Since(start).Round(time.Millisecond))
	if c.Failed > 0 {
		os.Exit(1) // as mitra ingest: some inputs failed (they are recorded)
	}
	return nil
}
