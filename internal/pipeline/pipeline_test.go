package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/lang/id"
)

func newPipeline(t *testing.T) *Pipeline {
	t.Helper()
	p, err := id.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// TestRunOrder checks that results come out in input order whatever the
// number of workers, and that languages without a pack are skipped.
func TestRunOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		body := fmt.Sprintf("Indonesia dan Malaysia menandatangani nota kesepahaman nomor %d di Jakarta.\n", i)
		if i%10 == 3 {
			body = "The United States and Japan signed a defence pact in Tokyo on Monday, officials said.\n"
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pl := newPipeline(t)
	for _, workers := range []int{1, 4} {
		var ids []string
		skipped, events := 0, 0
		pl.Run([]string{dir}, nil, Options{Workers: workers}, func(r Result) {
			if r.Err != nil {
				t.Errorf("unexpected error: %v", r.Err)
				return
			}
			ids = append(ids, r.Doc.ID)
			if r.Skipped != "" {
				skipped++
			}
			events += len(r.Events)
		})
		for i, id := range ids {
			if want := fmt.Sprintf("p%02d", i); id != want {
				t.Fatalf("workers %d: result %d is %s, want %s", workers, i, id, want)
			}
		}
		if len(ids) != 40 || skipped != 4 || events != 36 {
			t.Errorf("workers %d: %d results, %d skipped, %d events; want 40, 4, 36", workers, len(ids), skipped, events)
		}
	}
}

// TestProcessContext checks that a done context stops the work between
// stages: nothing is detected or extracted, and the error is ctx's.
func TestProcessContext(t *testing.T) {
	pl := newPipeline(t)
	page := func() *article.Doc {
		d := &article.Doc{ID: "x", Raw: []byte("Indonesia dan Malaysia menandatangani nota kesepahaman di Jakarta, Senin (3/6/2024).\n")}
		clean.Text(d)
		return d
	}
	res, err := pl.ProcessContext(context.Background(), page())
	if err != nil || len(res.Events) == 0 {
		t.Fatalf("live context: %d events, error %v", len(res.Events), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := page()
	res, err = pl.ProcessContext(ctx, d)
	if err != context.Canceled || res.Events != nil || d.Lang != "" {
		t.Errorf("done context: error %v, %d events, lang %q; want context.Canceled and no work", err, len(res.Events), d.Lang)
	}
}

// TestSkippedNamesLanguage checks that a page in a language no pack reads is
// skipped with the language named (in English) and its code, and that the
// pipeline says which languages it reads.
func TestSkippedNamesLanguage(t *testing.T) {
	pl := newPipeline(t)
	r := pl.Process(&article.Doc{ID: "fr", Text: "La France et le Mali ont signé un accord de coopération militaire lundi à Paris, a annoncé le ministère."})
	if r.SkippedLang != "fr" || !strings.Contains(r.Skipped, "French (fr)") {
		t.Errorf("skipped %q (%q), want French (fr)", r.Skipped, r.SkippedLang)
	}
	if got := strings.Join(pl.Languages(), ","); !strings.HasPrefix(got, "id,ms") {
		t.Errorf("Languages() = %s, want id, ms first", got)
	}
}
