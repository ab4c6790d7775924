// Package id is the Indonesian language pack; it also reads Malay, whose
// forms are added to the same lexicon.
//
// Its data files live in data/ and are embedded; Load(os.DirFS(dir)) reads an
// edited copy from disk instead, without recompiling.
package id

import (
	"embed"
	"fmt"
	"io/fs"

	"mitra/internal/lang"
	"mitra/internal/lang/world"
)

//go:embed data
var data embed.FS

// Code is the pack's language code.
const Code = "id"

// RootsFile is the stemmer's root list inside the pack's data.
const RootsFile = "data/roots.txt"

// Data returns the embedded data files.
func Data() fs.FS { return data }

// Load returns the Indonesian pack built from fsys (laid out like the
// embedded data: data/actors.tsv, …) and the shared data (package world),
// each the embedded copy when nil.
func Load(fsys, shared fs.FS) (*lang.Pack, error) {
	if fsys == nil {
		fsys = data
	}
	if shared == nil {
		shared = world.Data()
	}
	roots, err := LoadRoots(fsys, RootsFile)
	if err != nil {
		return nil, fmt.Errorf("indonesian pack: %w", err)
	}
	return lang.Load(lang.Spec{
		Code:    Code,
		Serves:  []string{"id", "ms"},
		Data:    fsys,
		Shared:  shared,
		Stemmer: NewStemmer(roots),
		Grammar: Grammar{},
	})
}
