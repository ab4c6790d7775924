// Package pgscale fills a PostgreSQL store with a generated record of any
// size, for measuring the store and the API at scale (docs/scale.md): the
// extractor is not run, so ten million events load in minutes rather than
// the days two million pages would take to ingest.
//
// The record looks like a year of world news as mitra codes it: parties
// drawn from 60 states with Zipf-like weights (a few states in most
// events), the PLOVER types and modes, acts reported by one to eight
// pages over a few days (so clusters), and pages of about five events.
// Documents carry a short generated text, not a full page: sizes per page
// are not realistic (docs/scale.md derives those from the ingest bench).
package pgscale

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
)

// States are the parties of the generated record, most frequent first.
var States = []string{
	"USA", "CHN", "RUS", "IDN", "UKR", "ISR", "IRN", "FRA", "GBR", "DEU", "JPN", "IND", "MYS", "AUS", "KOR",
	"PRK", "TUR", "SAU", "EGY", "PAK", "PHL", "VNM", "MLI", "NER", "BFA", "SGP", "THA", "BRA", "ZAF", "NGA",
	"QAT", "ARE", "SYR", "IRQ", "AFG", "MMR", "BGD", "LKA", "NZL", "CAN", "MEX", "ARG", "ITA", "ESP", "POL",
	"NLD", "BEL", "SWE", "NOR", "FIN", "KEN", "ETH", "SDN", "LBY", "DZA", "MAR", "TUN", "JOR", "LBN", "YEM",
}

var contexts = []string{"military", "economic", "diplomatic", "health", "environment", "migration"}

var words = strings.Fields(`pemerintah menteri luar negeri presiden kerja sama militer ekonomi sanksi bantuan
perjanjian kunjungan pertemuan bilateral perbatasan nuklir energi perdagangan investasi pasukan latihan
diplomat kedutaan protes tuduhan serangan gencatan senjata negosiasi kesepakatan dukungan kecaman`)

// Options describe a generated record.
type Options struct {
	Events  int       // about this many
	Seed    uint64    // the same seed, the same record
	Start   time.Time // first day
	Days    int       // days the acts spread over
	Workers int       // concurrent loaders (0: 2)
}

// Fill loads a generated record into db, which must be empty, and
// finishes the load (counts, rollups, statistics). progress, if not nil,
// is called with the events loaded so far.
func Fill(ctx context.Context, db *postgres.DB, opt Options, progress func(events int)) error {
	if opt.Start.IsZero() {
		opt.Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opt.Days <= 0 {
		opt.Days = 366
	}
	if opt.Workers <= 0 {
		opt.Workers = 2
	}
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%s is not empty", db.Name())
	}
	if err := db.BeginLoad(ctx); err != nil {
		return err
	}
	weights := make([]float64, len(States))
	total := 0.0
	for i := range weights {
		weights[i] = 1 / math.Pow(float64(i+1), 1.1)
		total += weights[i]
	}
	// Chunks of acts are made and loaded by workers; each chunk has its own
	// random stream and its own ranges of keys, so the record depends on
	// the seed alone.
	const chunkEvents = 50000
	chunks := (opt.Events + chunkEvents - 1) / chunkEvents
	var mu sync.Mutex
	loaded := 0
	errs := make(chan error, opt.Workers)
	next := make(chan int)
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(func() {
			for c := range next {
				if err := fillChunk(ctx, db, opt, c, chunkEvents, weights, total); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				loaded += chunkEvents
				if progress != nil {
					progress(min(loaded, opt.Events))
				}
				mu.Unlock()
			}
		})
	}
	var ferr error
feed:
	for c := range chunks {
		select {
		case next <- c:
		case ferr = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if ferr == nil {
		select {
		case ferr = <-errs:
		default:
		}
	}
	if ferr != nil {
		return ferr
	}
	return db.FinishLoad(ctx)
}

// fillChunk makes and loads chunk c: acts until n events.
func fillChunk(ctx context.Context, db *postgres.DB, opt Options, c, n int, weights []float64, total float64) error {
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(c)))
	pick := func() string {
		x := rng.Float64() * total
		for i, w := range weights {
			if x -= w; x < 0 {
				return States[i]
			}
		}
		return States[len(States)-1]
	}
	base := int64(c) << 32 // keys of this chunk
	var docs []postgres.LoadDoc
	var evs []postgres.LoadEvent
	var cls []postgres.LoadCluster
	type page struct {
		doc  *postgres.LoadDoc
		seen int
	}
	// Pages fill up with about five events each, from acts of their day.
	open := map[int]*page{}
	docSeq := base
	newDoc := func(day int) *page {
		docSeq++
		outlet := fmt.Sprintf("outlet%02d.example", rng.IntN(40))
		d := time.Date(opt.Start.Year(), opt.Start.Month(), opt.Start.Day()+day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		body := fmt.Sprintf("generated page %d of chunk %d, seed %d", docSeq, c, opt.Seed)
		sum := sha256.Sum256([]byte(body))
		docs = append(docs, postgres.LoadDoc{Seq: docSeq, Doc: store.Document{
			Hash: hex.EncodeToString(sum[:]), ID: fmt.Sprintf("g%d", docSeq), Source: "generated", URL: "https://" + outlet + "/" + fmt.Sprint(docSeq),
			Outlet: outlet, Lang: "id", PubDate: d, Title: "generated", Raw: []byte(body), Text: body, IngestedAt: time.Now().UTC()},
			Buckets: []uint64{uint64(docSeq)}})
		return &page{doc: &docs[len(docs)-1]}
	}
	evSeq := base << 8
	clusterID := base << 8
	for len(evs) < n {
		// One act.
		typ := record.Types[rng.IntN(len(record.Types))]
		a, b := pick(), pick()
		actors, recipients := []string{a}, []string{b}
		if a == b {
			recipients = nil
		}
		ctxs := []string{}
		if rng.IntN(3) > 0 {
			ctxs = []string{contexts[rng.IntN(len(contexts))]}
		}
		day := rng.IntN(opt.Days)
		mentions := 1 + int(rng.ExpFloat64()*1.2)
		mentions = min(mentions, 8)
		clusterID++
		cl := store.Cluster{ID: clusterID, Type: typ, Actors: actors, Recipients: recipients, Contexts: ctxs, Mentions: mentions}
		var sources []int64
		var outlets []string
		for m := range mentions {
			d := min(opt.Days-1, day+rng.IntN(3)*m/2)
			pg := open[d]
			if pg == nil || pg.seen >= 5 {
				pg = newDoc(d)
				open[d] = pg
			}
			pg.seen++
			evSeq++
			date := time.Date(opt.Start.Year(), opt.Start.Month(), opt.Start.Day()+d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			pub := pg.doc.Doc.PubDate
			ws := make([]string, 12)
			for i := range ws {
				ws[i] = words[rng.IntN(len(words))]
			}
			e := store.Event{Event: record.Event{
				ID: fmt.Sprintf("e%x", evSeq), Doc: pg.doc.Doc.ID, Lang: "id", Type: typ, Contexts: ctxs,
				Actors: []record.Party{{Code: a, Text: a, Role: "GOV"}},
				Date:   &date, DatePrecision: "day", PubDate: &pub, Factuality: record.Asserted,
				Sentence: strings.Join(ws, " ") + ".", Span: [2]int{0, 80}, Trigger: ws[0], Quad: typ.Quad(),
				Confidence: 0.7, Codebook: record.Codebook,
			}, DocHash: pg.doc.Doc.Hash, ClusterID: clusterID}
			if recipients != nil {
				e.Recipients = []record.Party{{Code: b, Text: b, Role: "GOV"}}
			}
			evs = append(evs, postgres.LoadEvent{Seq: evSeq, DocSeq: pg.doc.Seq, Event: e})
			if cl.First == "" || date < cl.First {
				cl.First = date
			}
			if date > cl.Last {
				cl.Last = date
			}
			cl.Date = cl.First
			if !slices.Contains(sources, pg.doc.Seq) {
				sources = append(sources, pg.doc.Seq)
			}
			if !slices.Contains(outlets, pg.doc.Doc.Outlet) {
				outlets = append(outlets, pg.doc.Doc.Outlet)
			}
		}
		cl.Sources, cl.Outlets = len(sources), len(outlets)
		cls = append(cls, postgres.LoadCluster{Cluster: cl, Sources: sources, Outlets: outlets})
	}
	if err := db.LoadDocuments(ctx, docs); err != nil {
		return err
	}
	for i := 0; i < len(evs); i += 10000 {
		if err := db.LoadEvents(ctx, evs[i:min(len(evs), i+10000)]); err != nil {
			return err
		}
	}
	return db.LoadClusters(ctx, cls)
}
