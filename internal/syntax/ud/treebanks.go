package ud

import (
	"fmt"
	"path/filepath"

	"mitra/internal/syntax"
)

// File is one treebank file of ../shared/resources/ud, with where it comes
// from (see that folder's README.md).
type File struct {
	Name     string // short name used in reports: "GSD test"
	Path     string // relative to the ud folder
	Source   string // repository @ commit
	Licence  string
	Optional bool // left out unless asked for (the 2017 GSD train file)
	// Domain is 0 for the annotation conventions the model should follow,
	// else the number of another convention (syntax.Sentence.Domain).
	Domain int
	// Harmonise rewrites the sentences towards the current conventions
	// before they are converted (Harmonise2017 for the 2017 GSD file).
	Harmonise func(*Sentence)
}

// Set is a language's training, tuning and test files.
type Set struct {
	Lang  string
	Train []File
	Dev   File
	Test  []File
}

const (
	gsd2017 = "UniversalDependencies/UD_Indonesian-GSD @ 539dd93 (UD 2.1, 2017)"
	gsd     = "UniversalDependencies/UD_Indonesian-GSD @ 89491e4"
	csui    = "UniversalDependencies/UD_Indonesian-CSUI @ 41dd7f2"
	pud     = "UniversalDependencies/UD_Indonesian-PUD @ 765fb3f"
	ewt     = "UniversalDependencies/UD_English-EWT @ 15d613d"
	by4     = "CC BY-SA 4.0"
	by3     = "CC BY-SA 3.0"
)

// NoHarmonise turns harmonisation off (to measure what it brings).
var NoHarmonise bool

// Sets lists the treebanks each language trains and tests on.
var Sets = map[string]Set{
	"id": {
		Lang: "id",
		Train: []File{
			{Name: "GSD train 2017", Path: "id/id_gsd-ud-train-2017.conllu", Source: gsd2017, Licence: by4, Optional: true, Domain: 1, Harmonise: Harmonise2017},
			{Name: "CSUI train", Path: "id/id_csui-ud-train.conllu", Source: csui, Licence: by4},
		},
		// GSD's current annotation still writes noun compounds as compound,
		// where CSUI and PUD write nmod: trained on, it is a domain of its own.
		Dev: File{Name: "GSD dev", Path: "id/id_gsd-ud-dev.conllu", Source: gsd, Licence: by4, Domain: 2},
		Test: []File{
			{Name: "GSD test", Path: "id/id_gsd-ud-test.conllu", Source: gsd, Licence: by4},
			{Name: "CSUI test", Path: "id/id_csui-ud-test.conllu", Source: csui, Licence: by4},
			{Name: "PUD test", Path: "id/id_pud-ud-test.conllu", Source: pud, Licence: by3},
		},
	},
	"en": {
		Lang:  "en",
		Train: []File{{Name: "EWT train", Path: "en/en_ewt-ud-train.conllu", Source: ewt, Licence: by4}},
		Dev:   File{Name: "EWT dev", Path: "en/en_ewt-ud-dev.conllu", Source: ewt, Licence: by4},
		Test:  []File{{Name: "EWT test", Path: "en/en_ewt-ud-test.conllu", Source: ewt, Licence: by4}},
	},
}

// Load reads a treebank file from the ud folder dir and converts it, on
// mitra's tokens when mitra is true and on the treebank's words otherwise,
// harmonised when f says so. Sentences that cannot be converted are skipped
// and counted.
func Load(dir string, f File, mitra bool) (sents []syntax.Sentence, skipped int, err error) {
	raw, err := ReadFile(filepath.Join(dir, f.Path))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	for i := range raw {
		if f.Harmonise != nil && !NoHarmonise {
			f.Harmonise(&raw[i])
		}
		var s syntax.Sentence
		var err error
		if mitra {
			s, _, err = raw[i].Mitra()
		} else {
			s, err = raw[i].UD()
		}
		if err != nil {
			skipped++
			continue
		}
		s.Domain = f.Domain
		sents = append(sents, s)
	}
	return sents, skipped, nil
}
