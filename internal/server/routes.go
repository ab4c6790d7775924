package server

import (
	"embed"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// route is one API route.
type route struct {
	method, path string
	fn           apiFunc
	params       []string // query parameters it takes; any other is a 400
	body         bool     // reads a request body of at most MaxBody bytes
	write        bool     // needs the bearer token
	compute      bool     // extracts: admitted through the gate (see gate)
}

// Query parameters of the routes that filter events.
var (
	filterParams = []string{"party", "pair", "type", "quad", "context", "from", "to", "q", "lang", "doc", "undated", "min_confidence"}
	pageParams   = []string{"limit", "offset"}
)

// apiRoutes lists every API route; routes registers them and the OpenAPI
// test checks each is documented.
func (s *Server) apiRoutes() []route {
	return []route{
		{method: "GET", path: "/api/events", fn: s.events, params: append(append([]string{}, filterParams...), pageParams...)},
		{method: "GET", path: "/api/acts", fn: s.acts, params: append(append([]string{}, filterParams...), pageParams...)},
		{method: "GET", path: "/api/export", fn: s.export, params: append([]string{"format", "header"}, filterParams...)},
		{method: "GET", path: "/api/pairs/{a}/{b}/series", fn: s.series, params: append([]string{"period", "from", "to"}, keepParams...)},
		{method: "GET", path: "/api/network", fn: s.network, params: append([]string{"from", "to", "min"}, keepParams...)},
		{method: "GET", path: "/api/shifts", fn: s.shifts, params: []string{"party", "from", "to", "min_confidence"}},
		{method: "GET", path: "/api/parties", fn: s.partyList},
		{method: "GET", path: "/api/documents/{key}", fn: s.document, params: []string{"raw"}},
		{method: "POST", path: "/api/extract", fn: s.extract, params: []string{"pub_date", "all"}, body: true, compute: true},
		{method: "POST", path: "/api/ingest", fn: s.ingest, body: true, write: true, compute: true},
		{method: "POST", path: "/api/events/{id}/review", fn: s.reviewEvent, body: true, write: true},
		{method: "POST", path: "/api/documents/{key}/events", fn: s.addEvent, body: true, write: true},
		{method: "POST", path: "/api/documents/{key}/confirm", fn: s.confirmDocument, body: true, write: true},
		{method: "POST", path: "/api/corrections/{id}/undo", fn: s.undoCorrection, body: true, write: true},
		{method: "GET", path: "/api/corrections", fn: s.corrections, params: []string{"doc", "event", "live", "limit"}},
		{method: "GET", path: "/api/stats", fn: s.stats},
		{method: "GET", path: "/api/health", fn: s.health},
	}
}

//go:embed openapi.json
var openapiJSON []byte

// routes builds the server's mux: every route in one place.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.method+" "+rt.path, s.api(rt))
	}
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(openapiJSON)
	})
	mux.HandleFunc("/api/", s.noRoute)
	// "/" rather than "GET /": a method pattern on "/" would conflict with
	// the method-less "/api/" above.
	page := http.NotFoundHandler()
	if s.opt.Static != nil {
		page = static(s.opt.Static)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		case s.opt.Static == nil && r.URL.Path == "/":
			s.index(w, r)
		default:
			page.ServeHTTP(w, r)
		}
	})
	return mux
}

//go:embed index.html
var indexFS embed.FS

var indexTmpl = template.Must(template.ParseFS(indexFS, "index.html"))

// index lists the API when there is no web page.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	type item struct{ Method, Path string }
	var items []item
	for _, rt := range s.apiRoutes() {
		items = append(items, item{rt.method, rt.path})
	}
	items = append(items, item{"GET", "/api/openapi.json"})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	var b strings.Builder
	if err := indexTmpl.Execute(&b, items); err != nil {
		s.writeError(w, r, err, time.Now())
		return
	}
	_, _ = w.Write([]byte(b.String()))
}

// static serves the web page's files: regular files only. A path naming a
// folder serves its index.html, never a listing; a symbolic link is not
// followed (Lstat, where the FS has it: os.DirFS, os.Root's FS); nothing
// else is served. A client that accepts gzip gets a file's .gz copy when
// there is one, with the original's type.
func static(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		if !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		if !strings.HasSuffix(name, ".gz") && acceptsGzip(r) {
			if f, st, ok := openRegular(fsys, name+".gz"); ok {
				defer f.Close()
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					w.Header().Set("Content-Type", ct)
				}
				w.Header().Set("Content-Encoding", "gzip")
				http.ServeContent(w, r, name, st.ModTime(), f)
				return
			}
		}
		f, st, ok := openRegular(fsys, name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// openRegular opens name in fsys when it is a regular file and not a
// symbolic link.
func openRegular(fsys fs.FS, name string) (io.ReadSeekCloser, fs.FileInfo, bool) {
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		// Every folder on the way, and the file, must be what it says.
		for i := 0; i <= len(name); i++ {
			if i < len(name) && name[i] != '/' {
				continue
			}
			st, err := lfs.Lstat(name[:i])
			if err != nil || st.Mode()&fs.ModeSymlink != 0 || i == len(name) && !st.Mode().IsRegular() {
				return nil, nil, false
			}
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, false
	}
	st, err := f.Stat()
	rs, seekable := f.(io.ReadSeekCloser)
	if err != nil || !st.Mode().IsRegular() || !seekable {
		f.Close()
		return nil, nil, false
	}
	return rs, st, true
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			return strings.TrimSpace(strings.ReplaceAll(params, " ", "")) != "q=0"
		}
	}
	return false
}
