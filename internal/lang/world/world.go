// Package world holds the party data every language pack shares: the
// office holders (heads of state and government, foreign and defence
// ministers, heads of organisations) with their terms, whose names are the
// same across languages. Each pack's gazetteer reads data/leaders.tsv from
// here beside its own actors.tsv.
package world

import (
	"embed"
	"io/fs"
)

//go:embed data
var data embed.FS

// Data returns the embedded shared data files (data/leaders.tsv,
// data/home.tsv, data/confidence.tsv).
func Data() fs.FS { return data }
