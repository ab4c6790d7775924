package lang

import (
	"fmt"
	"math/bits"
	"strings"
)

// Class is a set of word classes: what a function word does in a sentence
// for the engine (negation, a preposition's role, a reporting verb, …).
// words.tsv gives each form its classes by name.
type Class uint64

// The word classes. Each is one bit, so a token's classes are one value.
const (
	Neg        Class = 1 << iota // negation: tidak, belum, not, never
	Cancel                       // called off: batal, gagal, called off
	Hypo                         // uncertain or conditional: mungkin, diperkirakan, may, could
	Cond                         // a conditional conjunction that puts the rest of the sentence under a condition: jika, if, unless
	Only                         // "not only": hanya, saja after a negation
	Wish                         // hope: berharap, hopes
	Future                       // future or plan: akan, berencana, will, plans to
	Willing                      // stated willingness, read as AGREE: siap, bersedia, ready to
	Done                         // completed aspect: telah, sudah, has
	Past                         // background: sebelumnya, pernah, sejak, earlier
	Then                         // narrative sequence from the sentence before: kemudian, saat itu, then
	Thing                        // a document or agreement a year may name: perjanjian, treaty
	Say                          // reporting verb: kata, ujar, said
	Rcp                          // recipient preposition: kepada, terhadap, against
	With                         // comitative preposition: dengan, with
	To                           // destination preposition: ke, to
	From                         // source preposition: dari, from
	Agent                        // passive agent marker: oleh, by
	Place                        // place preposition: di, in, at
	Site                         // a noun that makes the capital or territory after it a place: kota, wilayah, city
	And                          // coordination: dan, serta, and
	Between                      // antara, between
	About                        // topic preposition: mengenai, tentang, about
	Question                     // a yes/no question marker that makes what follows unasserted: apakah, whether
	Relpro                       // relative pronoun: yang, which
	Subj                         // a pronoun or bare title standing for the last subject: ia, pihaknya, he
	Mutual                       // reciprocal marker that makes every party an actor: saling, each other
	Join                         // joint: bersama, gabungan, joint
	Dem                          // demonstrative after a noun: tersebut, itu, this
	Nonstate                     // a non-state head noun: Barat, militan, warga, militants
	Comp                         // complementiser before a requested or intended act: untuk, agar, to
	Sport                        // sports vocabulary: a page full of it reports matches, not acts of states
	Language                     // a word that makes the state name after it a language: bahasa
	Abbrev                       // an abbreviation whose dot does not end a sentence: Dr., Kol., Gen.
	Deny                         // a verb of denial: what it governs did not happen: membantah, denied
	Consider                     // a verb of considering: what it governs is not done: mempertimbangkan, considering
	Title                        // a title whose "of" names its state, no preposition: "the foreign ministers of" Vietnam
	Det                          // a determiner: the words after it are a noun phrase, no name: the, a
	numClasses = iota
)

// Preps are the classes that say what role the party after a preposition
// plays.
const Preps = Rcp | With | To | From | Agent | Place | Between | About

// classNames are the names words.tsv uses, in bit order.
var classNames = [numClasses]string{
	"neg", "cancel", "hypo", "cond", "only", "wish", "future", "willing", "done", "past", "then",
	"thing", "say", "rcp", "with", "to", "from", "agent", "place", "site", "and", "between", "about",
	"question", "relpro", "subj", "mutual", "join", "dem", "nonstate", "comp", "sport", "language",
	"abbrev", "deny", "consider", "title", "det",
}

// ClassNames returns every class name words.tsv may use, in bit order.
func ClassNames() []string { return append([]string(nil), classNames[:]...) }

// ParseClass returns the class named s.
func ParseClass(s string) (Class, error) {
	for i, n := range classNames {
		if n == s {
			return 1 << i, nil
		}
	}
	return 0, fmt.Errorf("unknown word class %q%s", s, suggest(s, classNames[:]))
}

// Has reports whether c holds any class of x.
func (c Class) Has(x Class) bool { return c&x != 0 }

// String returns the class names joined by commas.
func (c Class) String() string {
	var names []string
	for c != 0 {
		i := bits.TrailingZeros64(uint64(c))
		if i < len(classNames) {
			names = append(names, classNames[i])
		}
		c &^= 1 << i
	}
	return strings.Join(names, ",")
}

// Prep returns the preposition role among c's classes, or 0: the last in
// bit order when a form has several.
func (c Class) Prep() Class {
	p := c & Preps
	if p == 0 {
		return 0
	}
	return 1 << (63 - bits.LeadingZeros64(uint64(p)))
}
