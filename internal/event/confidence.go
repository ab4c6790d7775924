package event

import (
	"math"
	"strconv"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/lang"
	"mitra/internal/record"
)

// An event's confidence is the probability, under a logistic model, that
// the event is right (its type and parties are the gold's): the weights of
// the features below, trained on the development pages by `mitra-train
// -confidence` (cross-validated figures in the weights file's header), are
// the shared data file confidence.tsv (lang.ConfidenceFile). The features
// say how the event was read: its type, whether its trigger is a verb or a
// noun and how strong, the rule that decided its direction and each step
// away from the sentence's own words, where the sentence stands on the page,
// whether its date is its own, how crowded the sentence is.

// Feature names of the confidence model (the keys of confidence.tsv).
const (
	featAnaphor       = "anaphor"
	featBias          = "bias"
	featDateInherited = "date:inherited"
	featDateNone      = "date:none"
	featDateOwn       = "date:own"
	featExact         = "exact"
	featFar           = "far"
	featHeadline      = "headline"
	featKindOf        = "kind:"
	featLangOf        = "lang:"
	featLead          = "lead"
	featLenLong       = "len:long"
	featLenMid        = "len:mid"
	featLenShort      = "len:short"
	featMany          = "many"
	featMutual        = "mutual"
	featNoun          = "noun"
	featParties2      = "parties:2"
	featParties3      = "parties:3"
	featParties4Plus  = "parties:4+"
	featPrepOf        = "prep:"
	featPrioHigh      = "prio:high"
	featPrioLow       = "prio:low"
	featPrioMid       = "prio:mid"
	featReported      = "reported"
	featRetyped       = "retyped"
	featRuleOf        = "rule:"
	featSecond        = "second"
	featStepOf        = "step:"
	featTypeOf        = "type:"
	featWeak          = "weak"
)

// features returns the names of an event's features.
func (x *Extractor) features(s *sentence, m *match, ev *record.Event, rd reading, second bool, rs []ref) []string {
	f := make([]string, 0, 24)
	f = append(f, featBias, featTypeOf+string(ev.Type), featLangOf+ev.Lang)
	if m.tr.Flags.Noun {
		f = append(f, featNoun)
	}
	if m.tr.Flags.Weak {
		f = append(f, featWeak)
	}
	if m.tr.Type != ev.Type {
		f = append(f, featRetyped) // a future act read as AGREE, a declared withdrawal as CONCEDE
	}
	switch p := m.tr.Prio; {
	case p <= 3:
		f = append(f, featPrioLow)
	case p <= 5:
		f = append(f, featPrioMid)
	default:
		f = append(f, featPrioHigh)
	}
	far, kinds := false, map[actor.Kind]bool{}
	for _, r := range rs {
		if r.tok >= 0 && (r.tok-m.t1 > farReach || m.t0-r.tok > farReach) {
			far = true
		}
		if r.kind != "" && !kinds[r.kind] {
			kinds[r.kind] = true
			f = append(f, featKindOf+string(r.kind))
		}
	}
	if far {
		f = append(f, featFar)
	}
	for _, r := range rs {
		if r.prep != 0 {
			f = append(f, featPrepOf+r.prep.String())
		}
	}
	if exactTrigger(s, m) {
		f = append(f, featExact)
	}
	if rd.rule != "" {
		f = append(f, featRuleOf+strings.ReplaceAll(rd.rule, " ", "-"))
	}
	for _, st := range rd.steps {
		f = append(f, featStepOf+st)
	}
	if len(ev.Recipients) == 0 {
		f = append(f, featMutual)
	}
	if len(ev.Actors)+len(ev.Recipients) > 2 {
		f = append(f, featMany)
	}
	if second {
		f = append(f, featSecond)
	}
	switch {
	case s.s.Para == 0:
		f = append(f, featHeadline)
	case s.s.Para < leadParas:
		f = append(f, featLead)
	}
	if s.hasClass(lang.Say) {
		f = append(f, featReported)
	}
	codes := map[string]bool{}
	anaphor := false
	for _, p := range s.parties {
		for _, c := range p.codes {
			codes[c] = true
		}
		anaphor = anaphor || p.anaphor && len(p.codes) > 0
	}
	if anaphor {
		f = append(f, featAnaphor)
	}
	switch n := len(codes); {
	case n <= 2:
		f = append(f, featParties2)
	case n == 3:
		f = append(f, featParties3)
	default:
		f = append(f, featParties4Plus)
	}
	switch {
	case ev.Date == nil:
		f = append(f, featDateNone)
	case ev.DateNote == noteLead || ev.DateNote == notePub || ev.DateNote == noteBefore:
		f = append(f, featDateInherited)
	default:
		f = append(f, featDateOwn)
	}
	switch n := len(s.toks); {
	case n < 20:
		f = append(f, featLenShort)
	case n < 45:
		f = append(f, featLenMid)
	default:
		f = append(f, featLenLong)
	}
	return f
}

// farReach is how many tokens from the trigger a party stands before the
// event counts as far-reaching.
const farReach = 10

// exactTrigger reports whether the trigger's first word matched by its
// form rather than by its root.
func exactTrigger(s *sentence, m *match) bool {
	for _, a := range m.tr.Pattern[0].Alts {
		if len(a.Words) > 0 && a.Words[0] == s.toks[m.t0].Lower {
			return true
		}
	}
	return false
}

// confidence returns the model's probability for the features, rounded to
// two decimals. With no weights it is 0.5.
func (x *Extractor) confidence(f []string) float64 {
	w := x.pack.Confidence
	if len(w) == 0 {
		return 0.5
	}
	z := 0.0
	for _, k := range f {
		z += w[k]
	}
	p := 1 / (1 + math.Exp(-z))
	v, _ := strconv.ParseFloat(strconv.FormatFloat(p, 'f', 2, 64), 64)
	return v
}
