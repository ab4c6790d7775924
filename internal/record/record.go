// Package record declares mitra's event record and the ontology it is coded
// in: the PLOVER event types, their modes and quad classes, the context
// values, factuality, and the codebook version. It is the leaf every output
// shares — the store, the scores, the exports and the server import it
// without importing the extraction engine.
package record

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
)

// Codebook names the ontology version every event is coded in.
const Codebook = "PLOVER 5e0c24f"

// Factuality says whether the text reports an act as having happened.
type Factuality string

// Factuality values.
const (
	Asserted     Factuality = "asserted"
	Negated      Factuality = "negated"
	Hypothetical Factuality = "hypothetical"
	Future       Factuality = "future"
)

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
	Type       Type     `json:"type"`
	Mode       Mode     `json:"mode"`
	Contexts   []string `json:"contexts"`
	Actors     []Party  `json:"actors"`
	Recipients []Party  `json:"recipients"`
	Date       *string  `json:"date"`
	// DatePrecision is "day", "month" or "year"; empty when Date is null.
	DatePrecision string     `json:"date_precision,omitempty"`
	DateNote      string     `json:"date_note,omitempty"`
	PubDate       *string    `json:"pub_date"`
	Factuality    Factuality `json:"factuality"`
	Sentence      string     `json:"sentence"`
	Span          [2]int     `json:"span"`
	Trigger       string     `json:"trigger"`
	Quad          Quad       `json:"quad"`
	Confidence    float64    `json:"confidence"`
	Codebook      string     `json:"codebook"`
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
	return string(e.Type) + "|" + strings.Join(Codes(e.Actors), ",") + ">" + strings.Join(Codes(e.Recipients), ",")
}

// SetID sets e.ID to a stable hash of its document, act and evidence
// offset.
func (e *Event) SetID() {
	h := sha1.Sum(fmt.Appendf(nil, "%s\x00%s\x00%d", e.Doc, e.Key(), e.Span[0]))
	e.ID = hex.EncodeToString(h[:10])
}
