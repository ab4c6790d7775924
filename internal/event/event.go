// Package event extracts PLOVER events between states from cleaned
// documents, using a language pack's lexicon, gazetteer and date rules.
//
// The engine is language-independent: everything that is Indonesian about it
// lives in the pack's data files (see internal/lang/id/data). The record it
// produces is declared in package record.
package event
