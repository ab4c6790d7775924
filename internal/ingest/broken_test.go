package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/source"
)

func TestBrokenInputs(t *testing.T) {
	paths, want := ingesttest.BuildBrokenCorpus(t, t.TempDir(), nil)
	bad := 0
	for _, r := range want {
		if r != "" {
			bad++
		}
	}
	if bad < 20 {
		t.Fatalf("corpus has %d broken inputs, want at least 20", bad)
	}
	opt := ingest.Options{Fetch: ingest.FetchOptions{AllowPrivate: true, Timeout: ingesttest.Timeout, Retries: -1, PerHost: -1}}
	got := map[string][]source.Item{}
	var all []string
	start := time.Now()
	ingest.Read(context.Background(), paths, nil, opt, func(it source.Item) {
		if (it.Doc == nil) == (it.Err == nil) {
			t.Fatalf("item with doc %v and err %v", it.Doc, it.Err)
		}
		key := ""
		if it.Doc != nil {
			key = it.Doc.Source
		} else {
			msg := it.Err.Error()
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("error on more than one line: %q", msg)
			}
			for k := range want {
				if strings.HasPrefix(msg, k+": ") && len(k) > len(key) {
					key = k
				}
			}
		}
		if _, ok := want[key]; !ok {
			t.Errorf("unexpected item: %s", describe(it))
			return
		}
		all = append(all, describe(it))
		got[key] = append(got[key], it)
	})
	t.Logf("%d inputs read in %s", len(paths), time.Since(start).Round(time.Millisecond))
	defer func() {
		if t.Failed() {
			t.Logf("items:\n%s", strings.Join(all, "\n"))
		}
	}()
	for k, reason := range want {
		items := got[k]
		if len(items) != 1 {
			var ds []string
			for _, it := range items {
				ds = append(ds, describe(it))
			}
			t.Errorf("%s: got %d items %q, want 1", k, len(items), ds)
			continue
		}
		it := items[0]
		switch {
		case reason == "" && it.Err != nil:
			t.Errorf("%s: got error %v, want a document", k, it.Err)
		case reason != "" && it.Err == nil:
			t.Errorf("%s: got a document, want an error with %q", k, reason)
		case reason != "" && !strings.Contains(it.Err.Error(), reason):
			t.Errorf("%s: got error %q, want one with %q", k, it.Err, reason)
		}
	}
}

func describe(it source.Item) string {
	if it.Err != nil {
		return "ERR " + it.Err.Error()
	}
	return "DOC " + it.Doc.Source + " id=" + it.Doc.ID
}
