package cli

import (
	"io/fs"

	"mitra/internal/sample"
)

// samplePages returns the embedded sample corpus: what `mitra extract` reads
// when given no input.
func samplePages() fs.FS {
	sub, err := fs.Sub(sample.Pages, "pages")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
