package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"mitra/internal/export"
	"mitra/internal/lang/world"
	"mitra/internal/store"
)

// maxExportEvents bounds the events one GET /api/export reads; larger
// exports are `mitra export`'s job.
const maxExportEvents = 100_000

// download is a file a handler returns instead of envelope data: api sends
// it as an attachment.
type download struct {
	name, contentType string
	body              []byte
}

// exportFormats are GET /api/export's formats and their files' types.
var exportFormats = map[string]struct{ ext, contentType string }{
	"csv":            {"csv", "text/csv; charset=utf-8"},
	"jsonl":          {"jsonl", "application/x-ndjson; charset=utf-8"},
	"cameo":          {"tsv", "text/tab-separated-values; charset=utf-8"},
	"gdelt":          {"export.CSV", "text/tab-separated-values; charset=utf-8"},
	"gdelt-mentions": {"mentions.CSV", "text/tab-separated-values; charset=utf-8"},
	"gexf":           {"gexf", "application/gexf+xml; charset=utf-8"},
	"graphml":        {"graphml", "application/graphml+xml; charset=utf-8"},
}

// export answers GET /api/export: what `mitra export` writes, for the
// events matching the filters, as a file to download (Content-Disposition:
// attachment). Errors are envelopes, as everywhere under /api.
func (s *Server) export(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	format, err := one(q, "format")
	if err != nil {
		return nil, err
	}
	ff, ok := exportFormats[format]
	if !ok {
		return nil, badRequest("format %q: want csv, jsonl, cameo, gdelt, gdelt-mentions, gexf or graphml", format)
	}
	header := true
	if v, _ := one(q, "header"); v != "" {
		if header, err = parseBool(q, "header"); err != nil {
			return nil, err
		}
	}
	f, err := s.parseFilter(q)
	if err != nil {
		return nil, err
	}
	if f.Doc != "" {
		if f.Doc, err = s.docHash(r.Context(), f.Doc); err != nil {
			return nil, err
		}
	}
	ctx := r.Context()
	var buf bytes.Buffer
	switch format {
	case "gexf", "graphml":
		cs, err := s.st.Clusters(ctx, f)
		if err != nil {
			return nil, err
		}
		g := export.BuildGraph(store.LinksOf(cs), func(code string) (string, string) { return s.parties.nameID(code), world.EnglishName(code) })
		g.AddSpells(cs)
		if f.From != "" {
			g.From, _ = parseDate("from", f.From, false)
		}
		if f.To != "" {
			g.To, _ = parseDate("to", f.To, true)
		}
		if format == "gexf" {
			err = export.GEXF(&buf, g)
		} else {
			err = export.GraphML(&buf, g)
		}
		if err != nil {
			return nil, err
		}
	default:
		g := f
		g.Limit = maxExportEvents + 1
		evs, err := s.st.Events(ctx, g)
		if err != nil {
			return nil, err
		}
		if len(evs) > maxExportEvents {
			return nil, badRequest("more than %d events match: narrow the filters, or use `mitra export` on the database", maxExportEvents)
		}
		docs, err := store.DocumentMetas(ctx, s.st, store.EventHashes(evs))
		if err != nil {
			return nil, err
		}
		switch format {
		case "csv":
			err = export.CSV(&buf, evs, docs)
		case "jsonl":
			err = export.JSONL(&buf, evs, docs)
		default:
			cs, cerr := s.st.Clusters(ctx, f)
			if cerr != nil {
				return nil, cerr
			}
			acts := export.Acts{Clusters: cs, Events: evs, Docs: docs}
			switch format {
			case "cameo":
				err = export.CAMEO(&buf, acts)
			case "gdelt":
				_, err = export.GDELT(&buf, nil, acts, export.GDELTOptions{Name: world.EnglishName, Header: header})
			case "gdelt-mentions":
				var events bytes.Buffer
				_, err = export.GDELT(&events, &buf, acts, export.GDELTOptions{Name: world.EnglishName, Header: header})
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return &download{name: exportName(f, ff.ext), contentType: ff.contentType, body: buf.Bytes()}, nil
}

// exportName names a download after what it holds:
// "mitra-RUS-MLI-2023-01-2024-06.csv".
func exportName(f store.Filter, ext string) string {
	parts := []string{"mitra"}
	for _, p := range []string{f.Party, f.Pair[0], f.Pair[1]} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if f.From != "" || f.To != "" {
		parts = append(parts, f.From+"_"+f.To)
	}
	name := strings.Join(parts, "-") + "." + ext
	// Only what every file system and header accepts.
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_", r) {
			return r
		}
		return '_'
	}, name)
}

// writeDownload sends a download as an attachment.
func (s *Server) writeDownload(w http.ResponseWriter, d *download) {
	h := w.Header()
	h.Set("Content-Type", d.contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", d.name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(d.body)
}
