// Package syntax tags and parses sentences: a part-of-speech tagger (UD
// UPOS) and a labelled dependency parser (UD relations), learned from the
// Universal Dependencies treebanks and run on mitra's own tokens.
//
// Both are averaged perceptrons over hashed feature templates: the tagger
// reads each token left to right (word, prefixes and suffixes, shape,
// Indonesian affixes, neighbours, previous tags); the parser is a greedy
// arc-hybrid transition system trained with a dynamic oracle (Goldberg and
// Nivre 2013), which labels each arc as it makes it. A sentence of n tokens
// takes at most 2n steps, so parsing is linear in its length.
//
// Use:
//
//	m, err := syntax.LoadFile(id.Data(), "data/syntax.model") // once
//	var t syntax.Tree                                          // one per goroutine, reused
//	m.Parse(&t, words)                                         // words: the sentence's token texts
//	for _, c := range t.Children(t.Root()) { … t.Rel[c] == syntax.NsubjPass … }
//
// A Model is read-only and safe for concurrent use; a Tree is not: give each
// goroutine its own, and reuse it so that parsing allocates nothing. Parse
// always returns a tree (one root, no cycles) whatever the input.
//
// The model file is a plain-text header of "#" lines (what the model is,
// what it was trained on, its licence, its held-out accuracy) followed by a
// binary payload; cmd/mitra-train writes it. Tokens follow package token:
// a clitic stays on its host ("menyetujuinya" is one token, tagged and
// attached as the verb), "don't" and "Russia's" are one token carrying the
// head word's annotation, and a hyphenated word is split ("RI-Jepang": the
// first piece carries the word, the hyphen is punct, the rest goeswith).
package syntax
