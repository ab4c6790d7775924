// Package buildinfo names the running mitra build: for `mitra version`, and
// for the record of which build coded each stored page (so a page coded by
// an older engine can be found and coded again).
package buildinfo

import (
	"runtime/debug"
	"strings"
	"sync"
)

// version may be set at link time: -ldflags "-X mitra/internal/buildinfo.version=v1.2.0".
var version string

// Build describes a build of mitra.
type Build struct {
	Version  string // module version or the -X version; "(devel)" for a plain `go build`
	Revision string // VCS commit, when built from a checkout with -buildvcs (go build's default)
	Time     string // commit time, RFC 3339
	Modified bool   // the checkout had uncommitted changes
	Go       string // Go version, "go1.26.8"
}

// Get returns the running build, read once from the binary.
var Get = sync.OnceValue(func() Build {
	b := Build{Version: "(devel)"}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		b.Go = bi.GoVersion
		if v := bi.Main.Version; v != "" {
			b.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if version != "" {
		b.Version = version
	}
	return b
})

// String returns the build in one line, as stored with each page:
// "mitra v1.2.0 (3f2a1c9e0b12, 2026-01-05T10:00:00Z)", "mitra (devel)
// (3f2a1c9e0b12+modified, …)", or "mitra (devel)" when nothing more is known.
func (b Build) String() string {
	var s strings.Builder
	s.WriteString("mitra ")
	s.WriteString(b.Version)
	if b.Revision != "" {
		rev := b.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s.WriteString(" (")
		s.WriteString(rev)
		if b.Modified {
			s.WriteString("+modified")
		}
		if b.Time != "" {
			s.WriteString(", ")
			s.WriteString(b.Time)
		}
		s.WriteString(")")
	}
	return s.String()
}

// String returns the running build in one line (see Build.String).
func String() string { return Get().String() }
