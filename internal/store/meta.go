package store

import (
	"context"
	"errors"
	"time"
	"unicode/utf8"
)

// DocMeta is a stored document without its raw bytes and text: what a row
// of an export or a list of events needs to lead back to its page.
type DocMeta struct {
	Hash, ID, Source, URL, Outlet, Lang, PubDate, Title, Canonical string
	IngestedAt                                                     time.Time
	TextLen                                                        int // characters (runes) of the clean text
	Build, Codebook                                                string
}

// MetaOf returns d's metadata.
func MetaOf(d *Document) DocMeta {
	return DocMeta{
		Hash: d.Hash, ID: d.ID, Source: d.Source, URL: d.URL, Outlet: d.Outlet, Lang: d.Lang,
		PubDate: d.PubDate, Title: d.Title, Canonical: d.Canonical, IngestedAt: d.IngestedAt,
		TextLen: utf8.RuneCountInString(d.Text), Build: d.Build, Codebook: d.Codebook,
	}
}

// DocMetaStore is a Store that reads documents' metadata in bulk, without
// their raw bytes and text. It is optional: DocumentMetas falls back to
// Document.
type DocMetaStore interface {
	// DocumentMetas returns the metadata of the stored documents among
	// hashes, by hash; unknown hashes are left out.
	DocumentMetas(ctx context.Context, hashes []string) (map[string]DocMeta, error)
}

// DocumentMetas returns the metadata of the documents with these hashes,
// by hash, from st's DocumentMetas when it has one, else one Document call
// per distinct hash. Unknown hashes are left out.
func DocumentMetas(ctx context.Context, st Store, hashes []string) (map[string]DocMeta, error) {
	if ms, ok := st.(DocMetaStore); ok {
		return ms.DocumentMetas(ctx, hashes)
	}
	out := make(map[string]DocMeta, len(hashes))
	for _, h := range hashes {
		if _, ok := out[h]; ok || h == "" {
			continue
		}
		d, err := st.Document(ctx, h)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if d.Hash == h { // Document also looks ids up; only a hash counts here
			out[h] = MetaOf(d)
		}
	}
	return out, nil
}

// EventHashes returns the distinct document hashes of events, in order.
func EventHashes(evs []Event) []string {
	seen := make(map[string]bool, len(evs))
	var out []string
	for i := range evs {
		if h := evs[i].DocHash; h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
