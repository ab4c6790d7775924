package sqlite

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"mitra/internal/store"
)

// BenchmarkLeftOut compares counting what a period leaves out (what every
// network and page of events now reports) with reading the network and a
// page of events of that period, on 30,000 events over two years.
func BenchmarkLeftOut(b *testing.B) {
	db, err := Open(ctx, filepath.Join(b.TempDir(), "m.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(5, 6))
	var bs []*store.Batch
	for i := range 10000 {
		bs = append(bs, testBatch(r, i))
		if len(bs) == 500 {
			if _, err := db.Write(ctx, bs); err != nil {
				b.Fatal(err)
			}
			bs = nil
		}
	}
	f := store.Filter{From: "2024-03-05", To: "2024-09-20"}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"LeftOut", func() error { _, err := db.LeftOut(ctx, f); return err }},
		{"LeftOutPair", func() error {
			_, err := db.LeftOut(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}, From: f.From, To: f.To})
			return err
		}},
		{"Links", func() error { _, err := db.Links(ctx, f); return err }},
		{"EventsPage", func() error { g := f; g.Limit = 100; _, err := db.Events(ctx, g); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
