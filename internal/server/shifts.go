package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mitra/internal/shift"
	"mitra/internal/store"
)

type regimeJSON struct {
	From         string  `json:"from"`
	To           string  `json:"to"`
	Months       int     `json:"months"`
	Coop         int     `json:"coop"`
	Conflict     int     `json:"conflict"`
	CoopRate     float64 `json:"coop_rate"`
	ConflictRate float64 `json:"conflict_rate"`
}

// shiftEventJSON is one act driving a shift: its first mention, how many
// there are, and whether it was read as a forced exit.
type shiftEventJSON struct {
	eventJSON
	Mentions   int    `json:"mentions"`
	Class      string `json:"class"` // "cooperation" or "conflict", as the detector read it
	ForcedExit bool   `json:"forced_exit"`
}

type shiftJSON struct {
	State        partyJSON        `json:"state"`
	Partner      partyJSON        `json:"partner"`
	Month        string           `json:"month"`
	Direction    string           `json:"direction"`
	Kind         string           `json:"kind"`
	Size         float64          `json:"size"`
	Confidence   float64          `json:"confidence"`
	PValue       float64          `json:"p_value"`
	Before       regimeJSON       `json:"before"`
	After        regimeJSON       `json:"after"`
	BeforeEvents []shiftEventJSON `json:"before_events"`
	AfterEvents  []shiftEventJSON `json:"after_events"`
}

type partnerSeriesJSON struct {
	Party    partyJSON `json:"party"`
	Acts     int       `json:"acts"`
	Tested   bool      `json:"tested"`
	Coop     []int     `json:"coop"`
	Conflict []int     `json:"conflict"`
}

type shiftLeftOutJSON struct {
	Undated  int `json:"undated"`
	YearOnly int `json:"year_only"`
	Outside  int `json:"outside_period"`
}

// shifts answers GET /api/shifts: a state's relation shifts with each
// partner (or every party's, without party), with the monthly series they
// were found on and the acts that drive each.
func (s *Server) shifts(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	var vals [4]string
	for i, k := range []string{"party", "from", "to", "min_confidence"} {
		if vals[i], err = one(q, k); err != nil {
			return nil, err
		}
	}
	party := ""
	if v := vals[0]; v != "" {
		c, ok := s.parties.resolve(v)
		if !ok {
			return nil, badRequest("party: unknown party %q (use a code such as MLI or a name such as Mali)", v)
		}
		party = c
	}
	from, to, err := parseRange(vals[1], vals[2])
	if err != nil {
		return nil, err
	}
	opt := shift.Options{From: monthOf(from, false), To: monthOf(to, true)}
	if v := vals[3]; v != "" {
		c, err := strconv.ParseFloat(v, 64)
		if err != nil || c < 0.5 || c >= 1 {
			return nil, badRequest("min_confidence %q: want a number from 0.5 to below 1 (default %g)", v, 1-shift.DefaultAlpha)
		}
		opt.Alpha = 1 - c
	}
	f := store.Filter{Party: party}
	acts, ev, err := shift.Load(r.Context(), s.st, f, shift.DefaultWords())
	if err != nil {
		return nil, err
	}
	states := []string{party}
	if party == "" {
		states = partiesOf(acts, shift.DefaultMinActs)
	}
	out := struct {
		Party    *partyJSON          `json:"party"`
		From     string              `json:"from"`
		To       string              `json:"to"`
		Method   string              `json:"method"`
		Months   []string            `json:"months"`
		Partners []partnerSeriesJSON `json:"partners"`
		Shifts   []shiftJSON         `json:"shifts"`
		LeftOut  shiftLeftOutJSON    `json:"left_out"`
	}{From: opt.From, To: opt.To, Months: []string{}, Partners: []partnerSeriesJSON{}, Shifts: []shiftJSON{},
		Method: "Poisson scan of monthly acts (clusters) per partner, cooperation and conflict, exact Monte Carlo p-value, binary segmentation; forced exits read as conflict"}
	if party != "" {
		p := s.party(party)
		out.Party = &p
	}
	for _, st := range states {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		res, err := shift.Detect(acts, st, opt)
		if err != nil {
			return nil, badRequest("%v", err)
		}
		if party != "" {
			out.Months = res.Months
			out.LeftOut = shiftLeftOutJSON{res.LeftOut.Undated, res.LeftOut.YearOnly, res.LeftOut.Outside}
			for _, p := range res.Partners {
				out.Partners = append(out.Partners, partnerSeriesJSON{s.party(p.Partner), p.Acts, p.Tested, p.Coop, p.Conflict})
			}
		}
		for _, sh := range res.Shifts {
			out.Shifts = append(out.Shifts, shiftJSON{
				State: s.party(sh.State), Partner: s.party(sh.Partner), Month: sh.Month,
				Direction: string(sh.Direction), Kind: string(sh.Kind), Size: round3(sh.Size),
				Confidence: round3(sh.Confidence), PValue: sh.PValue,
				Before: regime(sh.Before), After: regime(sh.After),
				BeforeEvents: s.shiftEvents(sh.BeforeActs, ev, res.Readings),
				AfterEvents:  s.shiftEvents(sh.AfterActs, ev, res.Readings),
			})
		}
	}
	if party == "" {
		// Every state's shifts: by month, then state.
		slices.SortStableFunc(out.Shifts, func(a, b shiftJSON) int {
			if c := strings.Compare(a.Month, b.Month); c != 0 {
				return c
			}
			return strings.Compare(a.State.Code, b.State.Code)
		})
	}
	return out, nil
}

func (s *Server) shiftEvents(ids []int64, ev shift.Evidence, reads map[int64]shift.Reading) []shiftEventJSON {
	out := []shiftEventJSON{}
	for _, id := range ids {
		ms := ev[id]
		if len(ms) == 0 {
			continue
		}
		e := &ms[0]
		rd := reads[id]
		out = append(out, shiftEventJSON{
			eventJSON:  eventJSON{Event: normalised(e.Event), Summary: s.summary(&e.Event), ClusterID: e.ClusterID, DocHash: e.DocHash},
			Mentions:   len(ms),
			Class:      rd.Class.String(),
			ForcedExit: rd.Forced,
		})
	}
	return out
}

func regime(r shift.Regime) regimeJSON {
	return regimeJSON{r.From, r.To, r.Months, r.Coop, r.Conflict, round3(r.CoopRate), round3(r.ConflictRate)}
}

func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// monthOf turns a from or to date (YYYY, YYYY-MM or YYYY-MM-DD) into the
// month it starts or ends in.
func monthOf(d string, upper bool) string {
	switch len(d) {
	case 4:
		if upper {
			return d + "-12"
		}
		return d + "-01"
	case 7, 10:
		return d[:7]
	}
	return ""
}

// partiesOf returns the parties of acts in at least min of them, most
// first.
func partiesOf(acts []shift.Act, min int) []string {
	n := map[string]int{}
	for _, a := range acts {
		if k := store.PartyKey(a.Actors, a.Recipients); k != "" {
			for _, p := range strings.Split(k, ",") {
				n[p]++
			}
		}
	}
	var out []string
	for p, k := range n {
		if k >= min {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		return strings.Compare(a, b)
	})
	return out
}
