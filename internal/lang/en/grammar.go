package en

// This file holds the English answers to what the extraction engine asks
// about morphology and syntax: whether a verb is passive ("was attacked by"),
// whether a word is a verb form, what a possessive's owner is ("Russia's"),
// and where a reporting frame starts ("said", "according to"). They are plain
// functions over lower-cased words, so that the engine's grammar interface
// can call them without knowing English.

import (
	"strings"
	"sync"

	"mitra/internal/token"
)

// Grammar is English morphology and syntax as the engine asks about it
// (lang.Grammar, and lang.Clauses: English marks its clauses with
// coordinators, relative pronouns and auxiliaries the engine reads).
type Grammar struct{ st *Stemmer }

func (g Grammar) stemmer() *Stemmer {
	if g.st != nil {
		return g.st
	}
	return defaultStemmer()
}

// Passive reports whether the verb at toks[i] is passive: a past participle
// after a form of be or get ("was attacked by"), or opening a reduced
// relative ("a move condemned by Israel").
func (g Grammar) Passive(toks []token.Token, _ []string, i int) bool {
	return passiveAt(g.stemmer(), toks, i)
}

// VerbForm reports whether w is unmistakably a verb form (see the package
// function VerbForm).
func (g Grammar) VerbForm(w, _ string) bool { return g.stemmer().verbForm(w) }

// Possessive returns the length in bytes of the possessive ending of a
// token's text ("Russia's" → 2, "Russia’s" → 4, "allies'" → 1), or 0.
func (Grammar) Possessive(text string) int {
	if owner, ok := Possessive(text); ok {
		return len(text) - len(owner)
	}
	return 0
}

// Auxiliary reports whether w is an auxiliary or modal (see the package
// function Auxiliary).
func (Grammar) Auxiliary(w string) bool { return Auxiliary(w) }

// Adverb reports whether w is an adverb that may stand between "and" and its
// verb: a word in -ly, or one of a few adverbs of time and addition.
func (Grammar) Adverb(w string) bool {
	switch w {
	case "also", "then", "later", "again", "subsequently", "immediately", "soon", "jointly", "separately":
		return true
	}
	switch w {
	case "rally", "supply", "reply", "family", "assembly", "italy", "july", "anomaly", "monopoly":
		return false
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly")
}

// Participle reports whether w is a present participle: a form in -ing of a
// word with a shorter lemma ("accusing", "signing"; not "during", "thing").
func (g Grammar) Participle(w string) bool {
	return strings.HasSuffix(w, "ing") && len(w) >= 6 && g.stemmer().Stem(w) != w
}

// defaultStemmer is the stemmer of the embedded data, for the functions below
// when they are called without a pack.
var defaultStemmer = sync.OnceValue(func() *Stemmer {
	irr, err := LoadIrregular(data, IrregularFile)
	if err != nil {
		panic("english pack: embedded " + IrregularFile + ": " + err.Error())
	}
	known := make([]string, 0, len(reportingLemmas))
	for w := range reportingLemmas {
		known = append(known, w)
	}
	return NewStemmer(irr, known)
})

// passiveAux are the forms of "be" and "get" that build a passive.
var passiveAux = map[string]bool{
	"is": true, "are": true, "am": true, "was": true, "were": true, "be": true, "been": true,
	"being": true, "get": true, "gets": true, "got": true, "gotten": true, "getting": true,
	"'s": true, "'re": true,
}

// passiveSkip are the words that may stand between the auxiliary and the
// participle: adverbs of degree, time and manner, and negation.
var passiveSkip = map[string]bool{
	"not": true, "never": true, "also": true, "already": true, "reportedly": true, "allegedly": true,
	"then": true, "later": true, "subsequently": true, "formally": true, "officially": true,
	"repeatedly": true, "jointly": true, "firmly": true, "strongly": true, "publicly": true,
	"just": true, "recently": true, "still": true, "now": true, "once": true, "again": true,
	"being": true, "been": true, "be": true,
}

// PastParticiple reports whether the lower-case word w is a past participle:
// an irregular one ("met", "struck", "given") or a regular -ed form
// ("attacked", "summoned"); not a word that only ends in -ed ("need", "red",
// "hundred").
func PastParticiple(w string) bool { return defaultStemmer().pastParticiple(w) }

func (s *Stemmer) pastParticiple(w string) bool {
	if ir, ok := s.Irregular(w); ok {
		return ir.Tags&TagPP != 0
	}
	if len(w) < 5 || !strings.HasSuffix(w, "ed") || !isASCIIWord(w) {
		return false
	}
	if strings.HasSuffix(w, "eed") && !strings.HasSuffix(w, "reed") && !strings.HasSuffix(w, "teed") {
		return false // need, speed, proceed; but agreed, freed, guaranteed
	}
	return hasVowel(w[:len(w)-2]) && !strings.HasSuffix(w, "dred")
}

// Passive reports whether the verb at words[i] (lower-cased tokens of a
// sentence) is in the passive voice: a past participle after a form of "be"
// or "get", with at most two adverbs, "not" or "been/being" between them
// ("was attacked", "were not invited", "has been formally recognised", "got
// summoned", "is being investigated"). A participle after "having" or
// "has/have/had" alone is active ("had signed").
func Passive(words []string, i int) bool { return defaultStemmer().passive(words, i) }

func (s *Stemmer) passive(words []string, i int) bool {
	if i < 0 || i >= len(words) || !s.pastParticiple(words[i]) {
		return false
	}
	if s.reducedPassive(words, i) {
		return true
	}
	if i == 0 {
		return false
	}
	for j, skipped := i-1, 0; j >= 0 && skipped <= 3; j-- {
		w := words[j]
		if passiveAux[w] {
			return true
		}
		if !passiveSkip[w] && !strings.HasSuffix(w, "ly") {
			return false
		}
		skipped++
	}
	return false
}

// reducedPassive reports whether the participle at words[i] opens a reduced
// relative clause: right after a noun and followed by its agent or by the
// preposition its passive takes ("a move condemned by Israel", "firms
// accused of carrying oil", "two men charged with spying"). An active verb
// has its object between ("China accused the US of …").
func (s *Stemmer) reducedPassive(words []string, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	if ir, ok := s.Irregular(words[i]); ok && ir.Tags&TagPP == 0 {
		return false // "gave", "withdrew": past tense only
	}
	switch next := words[i+1]; next {
	case "by":
		return true
	case "of":
		switch words[i] {
		case "accused", "suspected", "convicted":
			return true
		}
	case "with":
		return words[i] == "charged"
	}
	return false
}

// auxiliaries are the forms of be, have and do and the modals.
var auxiliaries = map[string]bool{
	"is": true, "are": true, "am": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "having": true, "do": true, "does": true, "did": true,
	"'s": true, "'re": true, "'ve": true, "'d": true, "'ll": true,
}

// Auxiliary reports whether the lower-case word w is an auxiliary or a modal
// ("was", "has", "did", "will"): it belongs to the verb after it.
func Auxiliary(w string) bool { return auxiliaries[w] || modals[w] }

// passiveAt is Passive over tokens, for the engine: the words are the
// tokens' lower-cased forms, and a token that is not a word ends the look
// back.
func passiveAt(s *Stemmer, toks []token.Token, i int) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	from, to := max(0, i-5), min(len(toks), i+2)
	words := make([]string, 0, to-from)
	for _, t := range toks[from:to] {
		if t.Kind != token.Word {
			words = append(words, "")
			continue
		}
		words = append(words, t.Lower)
	}
	return s.passive(words, i-from)
}

// modals are the English modal and auxiliary verbs.
var modals = map[string]bool{
	"will": true, "would": true, "shall": true, "should": true, "can": true, "could": true,
	"may": true, "might": true, "must": true,
}

// VerbForm reports whether the lower-case word w is unmistakably a verb
// form: a modal, an inflected irregular verb ("met", "struck", "has", "was"),
// a past participle in -ed or a present participle in -ing of a word that
// has a shorter lemma ("signing", "attacked"). Bare forms and -s forms are
// left out: English spells "visit", "talks" and "sanctions" the same as
// nouns.
func VerbForm(w string) bool { return defaultStemmer().verbForm(w) }

func (s *Stemmer) verbForm(w string) bool {
	if modals[w] {
		return true
	}
	if ir, ok := s.Irregular(w); ok {
		return ir.Tags&(TagPast|TagPP|TagPres|TagIng) != 0
	}
	if s.pastParticiple(w) {
		return true
	}
	if strings.HasSuffix(w, "ing") && len(w) >= 6 {
		return s.Stem(w) != w
	}
	return false
}

// Possessive returns the owner of an English possessive — "Russia's",
// "Russia’s", "Russia´s" (an acute accent typed for the apostrophe),
// "Russias'" and "allies'" (plural possessives) — and whether text is one.
// "it's" and "let's" are contractions, not possessives.
func Possessive(text string) (owner string, ok bool) {
	for _, ap := range [...]string{"'", "’", "´", "`"} {
		if base, found := strings.CutSuffix(text, ap+"s"); found {
			if base == "" || isContractionBase(base) {
				return "", false
			}
			return base, true
		}
		if base, found := strings.CutSuffix(text, ap+"S"); found && base != "" && strings.ToUpper(base) == base {
			return base, true // "RUSSIA'S"
		}
		if base, found := strings.CutSuffix(text, ap); found && (strings.HasSuffix(base, "s") || strings.HasSuffix(base, "S")) && len(base) > 1 {
			return base, true
		}
	}
	return "", false
}

// possessiveBase is Possessive for the stemmer's lower-case words.
func possessiveBase(w string) (string, bool) {
	if !strings.ContainsAny(w, "'’´`") {
		return "", false
	}
	return Possessive(w)
}

func isContractionBase(b string) bool {
	switch strings.ToLower(b) {
	case "it", "that", "what", "there", "here", "let", "he", "she", "who", "where":
		return true
	}
	return false
}

// reportingForms are the lemmas of verbs that open or close a reporting
// frame ("…, Lavrov said", "the ministry told reporters"), and the phrases
// that do so without a verb.
var (
	reportingLemmas = map[string]bool{
		"say": true, "tell": true, "state": true, "add": true, "announce": true, "declare": true,
		"note": true, "stress": true, "emphasise": true, "emphasize": true, "insist": true,
		"claim": true, "report": true, "confirm": true, "explain": true, "write": true,
		"remark": true, "reiterate": true, "quote": true,
	}
	reportingPhrases = [][]string{
		{"according", "to"}, {"quoted", "as", "saying"}, {"in", "a", "statement"},
		{"in", "remarks"}, {"told", "reporters"},
	}
)

// Reporting returns the number of words of a reporting frame that starts at
// words[i] (lower-cased tokens): a form of a reporting verb ("said", "told",
// "stated", "added", "announced") or a phrase such as "according to" or "in
// a statement"; 0 when none starts there. "state" and "states" are nouns
// too ("member states"), so only "stated" and "stating" count.
func Reporting(words []string, i int) int { return defaultStemmer().reporting(words, i) }

func (s *Stemmer) reporting(words []string, i int) int {
	if i < 0 || i >= len(words) {
		return 0
	}
	for _, p := range reportingPhrases {
		if i+len(p) <= len(words) {
			ok := true
			for k, w := range p {
				if words[i+k] != w {
					ok = false
					break
				}
			}
			if ok {
				return len(p)
			}
		}
	}
	w := words[i]
	switch w {
	case "state", "states", "report", "reports", "note", "notes", "claim", "claims", "quote", "quotes", "write", "add":
		return 0 // nouns as often as verbs
	}
	if reportingLemmas[s.Stem(w)] {
		return 1
	}
	return 0
}
