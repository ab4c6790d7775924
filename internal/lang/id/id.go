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

// The stemmer's root lists inside the pack's data: mitra's own, preferred,
// and MALINDO Morph's dictionary roots (CC BY 4.0), reached only when no
// reading of a word reaches one of mitra's (see stem.go).
const (
	RootsFile        = "data/roots.txt"
	MalindoRootsFile = "data/roots-malindo.txt"
)

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
	malindo, err := LoadRoots(fsys, MalindoRootsFile)
	if err != nil {
		return nil, fmt.Errorf("indonesian pack: %w", err)
	}
	return lang.Load(lang.Spec{
		Code:    Code,
		Serves:  []string{"id", "ms"},
		Data:    fsys,
		Shared:  shared,
		Stemmer: NewStemmer2(roots, malindo),
		Grammar: Grammar{},
	})
}
