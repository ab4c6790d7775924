// Package event extracts PLOVER events between states from cleaned
// documents, using a language pack's lexicon, gazetteer and date rules.
//
// The engine is language-independent: everything that is Indonesian about it
// lives in the pack's data files (see internal/lang/id/data).
package event

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
)

// Codebook names the ontology version every event is coded in.
const Codebook = "PLOVER 5e0c24f"

// Factuality values.
const (
	Asserted     = "asserted"
	Negated      = "negated"
	Hypothetical = "hypothetical"
	Future       = "future"
)

// Quad returns the PLOVER quad class of an event type: 1 verbal cooperation,
// 2 material cooperation, 3 verbal conflict, 4 material conflict (0 unknown).
func Quad(typ string) int {
	switch typ {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE":
		return 1
	case "COOPERATE", "AID", "RETREAT":
		return 2
	case "REQUEST", "ACCUSE", "REJECT", "THREATEN":
		return 3
	case "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT":
		return 4
	}
	return 0
}

// Party is one actor or recipient of an event.
type Party struct {
	Code string `json:"code"`           // ISO 3166-1 alpha-3, or an organisation code (UN, EU, …)
	Text string `json:"text"`           // the words that named it in the sentence
	Role string `json:"role,omitempty"` // PLOVER sector: GOV, MIL, IGO, BUS, JRN
}

// Event is the record every output honours (see SPEC.md).
type Event struct {
	ID         string   `json:"id"`
	Doc        string   `json:"doc"`
	Lang       string   `json:"lang"`
	Type       string   `json:"type"`
	Mode       string   `json:"mode"`
	Contexts   []string `json:"contexts"`
	Actors     []Party  `json:"actors"`
	Recipients []Party  `json:"recipients"`
	Date       *string  `json:"date"`
	// DatePrecision is "day", "month" or "year"; empty when Date is null.
	DatePrecision string  `json:"date_precision,omitempty"`
	DateNote      string  `json:"date_note,omitempty"`
	PubDate       *string `json:"pub_date"`
	Factuality    string  `json:"factuality"`
	Sentence      string  `json:"sentence"`
	Span          [2]int  `json:"span"`
	Trigger       string  `json:"trigger"`
	Quad          int     `json:"quad"`
	Confidence    float64 `json:"confidence"`
	Codebook      string  `json:"codebook"`
}

// Codes returns the party codes of ps.
func Codes(ps []Party) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

// Key identifies an act within a document: type, actors and recipients.
func (e *Event) Key() string {
	return e.Type + "|" + strings.Join(Codes(e.Actors), ",") + ">" + strings.Join(Codes(e.Recipients), ",")
}

func (e *Event) setID() {
	h := sha1.Sum([]byte(fmt.Sprintf("%s\x00%s\x00%d", e.Doc, e.Key(), e.Span[0])))
	e.ID = hex.EncodeToString(h[:10])
}
