package source

import (
	"io/fs"
	"path"
	"strings"

	"mitra/internal/article"
)

// ReadFS is Read over every document in fsys (the embedded sample pages,
// say), walked in lexical order. Files whose extension is not a page's
// (.txt, .html, .htm, .jsonl) are skipped: an embedded corpus may carry its
// expected results beside the pages.
func ReadFS(fsys fs.FS, opt Options, fn func(Item)) {
	r := reader{opt: opt, fn: fn}
	err := fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			r.fail("%s: %s", p, reason(err))
			return nil
		}
		if de.IsDir() || strings.HasPrefix(de.Name(), ".") {
			return nil
		}
		e := strings.ToLower(path.Ext(p))
		base := strings.TrimSuffix(path.Base(p), path.Ext(p))
		switch e {
		case ".jsonl", ".ndjson":
			f, err := fsys.Open(p)
			if err != nil {
				r.fail("%s: %s", p, reason(err))
				return nil
			}
			defer f.Close()
			r.jsonl(p, base, f)
		case ".txt", ".html", ".htm":
			f, err := fsys.Open(p)
			if err != nil {
				r.fail("%s: %s", p, reason(err))
				return nil
			}
			b, err := readLimited(f, r.opt.max())
			f.Close()
			if err != nil {
				r.fail("%s: %s", p, err)
				return nil
			}
			format := "text"
			if e != ".txt" {
				format = "html"
			}
			r.finish(p, &article.Doc{ID: base, Source: p, Format: format}, b)
		}
		return nil
	})
	if err != nil {
		r.fail("%s", err)
	}
}
