package shift

import (
	"embed"

	"mitra/internal/phrase"
)

//go:embed data/exit.txt
var data embed.FS

// Words recognises sentences that tell one party leaving another
// (data/exit.txt, in the format of package phrase).
type Words = phrase.Set

// DefaultWords returns the embedded exit words.
func DefaultWords() *Words {
	w, err := phrase.Load(data, "data/exit.txt")
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return w
}
