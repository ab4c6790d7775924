// Package packs lists mitra's language packs and loads them: adding a
// language is a line in List.
package packs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mitra/internal/lang"
	"mitra/internal/lang/en"
	"mitra/internal/lang/id"
	"mitra/internal/lang/world"
)

// Loader is one language pack: its code, its embedded data, and how to
// load it from data files and the shared data.
type Loader struct {
	Code string
	Data func() fs.FS
	Load func(data, shared fs.FS) (*lang.Pack, error)
}

// List holds every pack, in order of preference: the first is the home
// pack, whose gazetteer names parties in the interface.
var List = []Loader{
	{id.Code, id.Data, id.Load},
	{en.Code, en.Data, en.Load},
}

// Load loads every pack in List. Files in dataDir (when not "") replace
// embedded data files of the same name without recompiling:
// dataDir/CODE/NAME replaces pack CODE's file, dataDir/NAME the first
// pack's, and dataDir/leaders.tsv the shared one.
func Load(dataDir string) ([]*lang.Pack, error) {
	shared := world.Data()
	if dataDir != "" {
		if st, err := os.Stat(dataDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--data %s: not a folder", dataDir)
		}
		shared = Overlay{Dir: dataDir, Base: shared}
	}
	var out []*lang.Pack
	for i, pk := range List {
		fsys := pk.Data()
		if dataDir != "" {
			dir := filepath.Join(dataDir, pk.Code)
			if st, err := os.Stat(dir); err == nil && st.IsDir() {
				fsys = Overlay{Dir: dir, Base: fsys}
			} else if i == 0 {
				fsys = Overlay{Dir: dataDir, Base: fsys}
			}
		}
		p, err := pk.Load(fsys, shared)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Overlay serves data/NAME from Dir/NAME when that file exists, and from
// Base otherwise.
type Overlay struct {
	Dir  string
	Base fs.FS
}

// Open implements fs.FS.
func (o Overlay) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "data/"); ok && fs.ValidPath(rest) {
		f, err := os.Open(filepath.Join(o.Dir, filepath.FromSlash(rest)))
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.Base.Open(name)
}
