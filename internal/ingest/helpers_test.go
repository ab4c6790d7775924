package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/ingest"
	"mitra/internal/source"
)

// summary is a comparable summary of an Item.
func summary(it source.Item) string {
	if it.Err != nil {
		return "ERR " + it.Err.Error()
	}
	d := it.Doc
	s := fmt.Sprintf("DOC id=%s source=%s", d.ID, d.Source)
	if d.URL != "" {
		s += " url=" + d.URL
	}
	if !d.PubDate.IsZero() {
		s += fmt.Sprintf(" pub=%s(%s)", d.PubDate, d.PubDateSource)
	}
	return s
}

// read runs ingest.Read and returns the items, checking each, and checks
// that a deferred read (Source.Defer, Item.Ready) gives the same.
func read(t *testing.T, paths []string, opt ingest.Options) []source.Item {
	t.Helper()
	items := readNow(t, paths, opt)
	if opt.Source.Defer {
		return items
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".urls") || strings.HasPrefix(p, "urls:") {
			return items // fetching twice would change what the servers saw
		}
	}
	dopt := opt
	dopt.Source.Defer = true
	var deferred []source.Item
	ingest.Read(context.Background(), paths, nil, dopt, func(it source.Item) { deferred = append(deferred, it) })
	if len(deferred) != len(items) {
		t.Fatalf("a deferred read gave %d items, the read %d", len(deferred), len(items))
	}
	for i, it := range deferred {
		it = it.Ready()
		if summary(it) != summary(items[i]) || (it.Doc != nil && it.Doc.Text != items[i].Doc.Text) {
			t.Errorf("item %d: deferred %s, read %s", i, summary(it), summary(items[i]))
		}
	}
	return items
}

func readNow(t *testing.T, paths []string, opt ingest.Options) []source.Item {
	t.Helper()
	var items []source.Item
	ingest.Read(context.Background(), paths, nil, opt, func(it source.Item) {
		if (it.Doc == nil) == (it.Err == nil) {
			t.Fatalf("item with doc %v and err %v", it.Doc, it.Err)
		}
		if it.Err != nil && strings.ContainsAny(it.Err.Error(), "\r\n") {
			t.Errorf("error on more than one line: %q", it.Err)
		}
		if d := it.Doc; d != nil {
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || !utf8.Valid(d.Raw) {
				t.Errorf("%s: bad text %q", d.Source, d.Text)
			}
			for _, s := range d.Map.Segs {
				if s.Raw+s.RawLen > len(d.Raw) || s.Clean+s.Len > len(d.Text) {
					t.Errorf("%s: segment %+v out of bounds", d.Source, s)
				}
			}
		}
		items = append(items, it)
	})
	return items
}

func summaries(items []source.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, summary(it))
	}
	return out
}

func expect(t *testing.T, got []source.Item, want ...string) {
	t.Helper()
	g := summaries(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

func write(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sourceMax(n int64) source.Options { return source.Options{MaxBytes: n} }
