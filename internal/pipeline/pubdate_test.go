package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/source"
	"mitra/internal/store/sqlite"
)

// TestDefaultPubDate checks that --pub-date (source.Options.PubDate) dates
// a page that prints no date, and not one that prints its own.
func TestDefaultPubDate(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"undated.txt": "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan pada Senin.\n",
		"dated.txt":   "Kamis, 14 November 2024 10:00 WIB\n\nIndonesia dan Malaysia menandatangani nota kesepahaman perbatasan pada Kamis (14/11).\n",
	}
	for n, b := range pages {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pl := newPipeline(t)
	got := map[string]string{}
	opt := Options{Source: source.Options{PubDate: article.Date{Year: 2024, Month: 6, Day: 24}}}
	pl.Run([]string{dir}, nil, opt, func(r Result) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		got[filepath.Base(r.Doc.Source)] = r.Doc.PubDate.String() + " " + r.Doc.PubDateSource
		for _, e := range r.Events {
			if e.PubDate == nil || *e.PubDate != r.Doc.PubDate.String() {
				t.Errorf("%s: event pub_date %v, document %s", r.Doc.Source, e.PubDate, r.Doc.PubDate)
			}
		}
	})
	if got["undated.txt"] != "2024-06-24 default" || !strings.HasPrefix(got["dated.txt"], "2024-11-14 ") {
		t.Errorf("publication dates: %v", got)
	}
}

// TestOnSkip checks that an ingest names every page it skips, and why.
func TestOnSkip(t *testing.T) {
	dir := t.TempDir()
	for n, b := range map[string]string{
		"a.txt": "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan.\n",
		"b.txt": "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan.\n", // the same bytes
		"c.txt": "The United States and Japan signed a defence pact in Tokyo on Monday, officials said in a statement.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pl := newPipeline(t)
	ingest := func() []string {
		var skipped []string
		read := func(_ context.Context, fn func(source.Item)) {
			source.Read([]string{dir}, nil, source.Options{Defer: true}, fn)
		}
		err := pl.Ingest(context.Background(), db, read, IngestOptions{
			OnError: func(err error) { t.Error(err) },
			OnSkip:  func(src, why string) { skipped = append(skipped, filepath.Base(src)+": "+why) },
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(skipped)
		return skipped
	}
	first := ingest()
	want := []string{"b.txt: the same content as an earlier page of this run", "c.txt: English (en): no language pack reads it: stored without events"}
	if !slices.Equal(first, want) {
		t.Errorf("first ingest skipped %q, want %q", first, want)
	}
	again := ingest()
	want = []string{"a.txt: already stored (the same content)", "b.txt: already stored (the same content)", "c.txt: already stored (the same content)"}
	if !slices.Equal(again, want) {
		t.Errorf("second ingest skipped %q, want %q", again, want)
	}
}
