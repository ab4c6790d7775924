package syntax

import "strings"

// UPOS is a Universal Dependencies part-of-speech tag. The constants are
// spelled as UD spells the tags so that code reads like the guidelines.
type UPOS uint8

// The 17 UD v2 tags; NoTag is the zero value (no token, or not yet tagged).
const (
	NoTag UPOS = iota
	ADJ
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	numTags
)

var tagNames = [numTags]string{"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// String returns the tag as UD writes it ("NOUN"), or "_" for NoTag.
func (t UPOS) String() string {
	if t < numTags {
		return tagNames[t]
	}
	return "_"
}

// ParseUPOS returns the tag named s ("NOUN"), or NoTag and false.
func ParseUPOS(s string) (UPOS, bool) {
	for i := ADJ; i < numTags; i++ {
		if tagNames[i] == s {
			return i, true
		}
	}
	return NoTag, false
}

// Rel is a Universal Dependencies relation, with the language-specific
// subtypes the Indonesian and English treebanks use (nsubj:pass, obl:agent,
// acl:relcl, flat:name, nmod:poss…). Base returns the universal relation of a
// subtype.
type Rel uint8

// Relations. NoRel is the zero value (no head yet).
const (
	NoRel Rel = iota
	Root
	Acl
	AclRelcl
	Advcl
	AdvclRelcl
	Advmod
	AdvmodEmph
	Amod
	Appos
	Aux
	AuxPass
	Case
	CaseAdv
	Cc
	CcPreconj
	Ccomp
	Clf
	Compound
	CompoundPlur
	CompoundPrt
	Conj
	Cop
	Csubj
	CsubjOuter
	CsubjPass
	Dep
	Det
	DetPredet
	Discourse
	Dislocated
	Expl
	Fixed
	Flat
	FlatForeign
	FlatName
	Goeswith
	Iobj
	List
	Mark
	Nmod
	NmodDesc
	NmodLmod
	NmodPoss
	NmodTmod
	NmodUnmarked
	Nsubj
	NsubjOuter
	NsubjPass
	Nummod
	Obj
	Obl
	OblAgent
	OblLmod
	OblTmod
	OblUnmarked
	Orphan
	Parataxis
	Punct
	Reparandum
	Vocative
	Xcomp
	numRels
)

var relNames = [numRels]string{"_", "root", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod",
	"advmod:emph", "amod", "appos", "aux", "aux:pass", "case", "case:adv", "cc", "cc:preconj", "ccomp",
	"clf", "compound", "compound:plur", "compound:prt", "conj", "cop", "csubj", "csubj:outer",
	"csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated", "expl", "fixed", "flat",
	"flat:foreign", "flat:name", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc", "nmod:lmod",
	"nmod:poss", "nmod:tmod", "nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass", "nummod", "obj",
	"obl", "obl:agent", "obl:lmod", "obl:tmod", "obl:unmarked", "orphan", "parataxis", "punct",
	"reparandum", "vocative", "xcomp"}

// relBase maps each relation to its universal part, filled from the names.
var relBase [numRels]Rel

func init() {
	for r := Rel(0); r < numRels; r++ {
		relBase[r] = r
		if i := strings.IndexByte(relNames[r], ':'); i > 0 {
			b, _ := ParseRel(relNames[r][:i])
			relBase[r] = b
		}
	}
}

// String returns the relation as UD writes it ("nsubj:pass"), or "_".
func (r Rel) String() string {
	if r < numRels {
		return relNames[r]
	}
	return "_"
}

// Base returns the universal relation without its subtype: NsubjPass.Base()
// is Nsubj, and Nsubj.Base() is Nsubj.
func (r Rel) Base() Rel {
	if r < numRels {
		return relBase[r]
	}
	return NoRel
}

// ParseRel returns the relation named s ("obl:agent"). A subtype this
// package does not know falls back to its universal relation with ok false,
// so that a treebank with a new subtype still reads.
func ParseRel(s string) (r Rel, ok bool) {
	for i := Root; i < numRels; i++ {
		if relNames[i] == s {
			return i, true
		}
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		b, _ := ParseRel(s[:i])
		return b, false
	}
	return NoRel, false
}

// IsClausal reports whether r attaches a clause to its head: the relations
// whose dependent is the head of a clause of its own (root, ccomp, xcomp,
// advcl, acl, csubj, parataxis and their subtypes).
func (r Rel) IsClausal() bool {
	switch r.Base() {
	case Root, Ccomp, Xcomp, Advcl, Acl, Csubj, Parataxis:
		return true
	}
	return false
}

// IsSubject reports whether r is a subject relation (nsubj, csubj and their
// subtypes, such as nsubj:pass).
func (r Rel) IsSubject() bool {
	b := r.Base()
	return b == Nsubj || b == Csubj
}
