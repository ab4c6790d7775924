package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Generator makes batches of generated documents and events for load
// tests, straight into store.Batches (no pages to extract): a store of
// 10 million events is filled in minutes rather than hours. Its events
// look like the corpus package's as the extractor codes them: acts
// between 30 states, skewed towards a few pairs and types, over one year
// from Start, with 10% syndicated copies; their sentences have the words
// the load test searches.
type Generator struct {
	Start  time.Time // first publication day; default 1 January 2024
	Days   int       // default 365
	Events int       // per document; default 5
	r      *rand.Rand
	n      int
	hashes []string // of documents that copies may copy
}

// NewGenerator returns a generator whose batches depend on seed only.
func NewGenerator(seed uint64) *Generator {
	return &Generator{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Days: 365, Events: 5,
		r: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))}
}

var (
	genStates   = strings.Fields("IDN MYS RUS MLI FRA NER USA CHN JPN AUS PHL VNM IND PAK TUR IRN ISR EGY SAU KOR PRK BRA DEU GBR UKR SGP THA KEN BFA CUB")
	genTypes    = strings.Fields("AGREE CONSULT SUPPORT COOPERATE AID REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT RETREAT CONCEDE")
	genModes    = map[string][]string{"CONSULT": {"", "visit", "phone"}, "SANCTION": {"", "expel", "break"}, "COOPERATE": {"", "military"}}
	genContexts = strings.Fields("military economic diplomatic energy health human_security technology")
	genOutlets  = strings.Fields("kabarnusa.com warta-harian.id lintasdunia.co.id nusakini.com cakrawala-news.id beritabangsa.net")
	genWords    = strings.Fields("pemerintah menteri luar negeri presiden kerja sama energi perjanjian kunjungan bantuan " +
		"militer ekonomi sanksi pertemuan bilateral delegasi kedua negara sepakat menandatangani memperkuat " +
		"hubungan diplomatik kedutaan besar pasukan latihan bersama protes perbatasan")
)

// Next returns the next generated document with its events.
func (g *Generator) Next() *store.Batch {
	r := g.r
	i := g.n
	g.n++
	day := g.Start.AddDate(0, 0, r.IntN(max(g.Days, 1)))
	pub := day.Format(time.DateOnly)
	outlet := genOutlets[r.IntN(len(genOutlets))]
	raw := fmt.Appendf(nil, "generated page %d of %s", i, outlet)
	sum := sha256.Sum256(raw)
	d := store.Document{
		Hash: hex.EncodeToString(sum[:]), ID: fmt.Sprintf("g%08d", i), Source: fmt.Sprintf("generated:%d", i),
		URL: fmt.Sprintf("https://%s/internasional/%08d", outlet, i), Outlet: outlet, Lang: "id", PubDate: pub,
		Title: fmt.Sprintf("Berita %d", i), Raw: raw, Text: string(raw), IngestedAt: g.Start,
	}
	if len(g.hashes) > 0 && r.IntN(10) == 0 {
		d.Canonical = g.hashes[r.IntN(len(g.hashes))]
	} else if len(g.hashes) < 100000 {
		g.hashes = append(g.hashes, d.Hash)
	} else {
		g.hashes[r.IntN(len(g.hashes))] = d.Hash
	}
	b := &store.Batch{Doc: d}
	for k := range max(g.Events, 1) {
		// A few pairs and types dominate, as in news.
		a := genStates[min(r.IntN(len(genStates)), r.IntN(len(genStates)))]
		c := genStates[min(r.IntN(len(genStates)), r.IntN(len(genStates)))]
		for c == a {
			c = genStates[r.IntN(len(genStates))]
		}
		typ := genTypes[min(r.IntN(len(genTypes)), r.IntN(len(genTypes)))]
		mode := ""
		if ms := genModes[typ]; ms != nil {
			mode = ms[r.IntN(len(ms))]
		}
		e := record.Event{
			ID: fmt.Sprintf("%.16s%02d", d.Hash, k), Doc: d.ID, Lang: "id", Type: record.Type(typ), Mode: record.Mode(mode),
			Actors:     []record.Party{{Code: a, Text: a, Role: "GOV"}},
			Recipients: []record.Party{{Code: c, Text: c, Role: "GOV"}},
			PubDate:    &pub, Factuality: record.Asserted, Trigger: "sepakat",
			Quad: record.QuadOf(typ), Confidence: 0.7, Codebook: record.Codebook,
		}
		if r.IntN(3) > 0 {
			e.Contexts = []string{genContexts[r.IntN(len(genContexts))]}
		}
		switch r.IntN(10) {
		case 0: // undated: placed on the publication date
		case 1:
			m := pub[:7]
			e.Date, e.DatePrecision = &m, "month"
		default:
			dd := day.AddDate(0, 0, -r.IntN(3)).Format(time.DateOnly)
			e.Date, e.DatePrecision = &dd, "day"
		}
		var words []string
		for range 12 + r.IntN(12) {
			words = append(words, genWords[r.IntN(len(genWords))])
		}
		e.Sentence = strings.Join(words, " ") + "."
		e.Span = [2]int{0, len(raw)}
		b.Events = append(b.Events, store.Event{Event: e, DocHash: d.Hash})
	}
	return b
}
