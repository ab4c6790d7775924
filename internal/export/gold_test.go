package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"mitra/internal/record"
	"mitra/internal/store"
)

func TestGold(t *testing.T) {
	str := func(s string) *string { return &s }
	d := &store.Document{ID: "seed-000", Lang: "id", PubDate: "2024-06-24", Hash: "h"}
	ev := func(typ record.Type, actors, rcps []string, date *string, at int, sentence string) store.Event {
		e := store.Event{Event: record.Event{Type: typ, Date: date, Sentence: sentence, Span: [2]int{at, at + len(sentence)}}, DocHash: "h"}
		for _, c := range actors {
			e.Actors = append(e.Actors, record.Party{Code: c})
		}
		for _, c := range rcps {
			e.Recipients = append(e.Recipients, record.Party{Code: c})
		}
		return e
	}
	evs := []store.Event{
		ev("SANCTION", []string{"MLI"}, []string{"FRA"}, str("2022-01"), 300, "Mali mengusir Duta Besar Prancis pada Januari 2022."),
		ev("SUPPORT", []string{"MLI", "RUS"}, nil, str("2024-06-22"), 100, "Mali dan Rusia\n menandatangani perjanjian."),
		ev("SUPPORT", []string{"MLI", "RUS"}, nil, nil, 500, "Kedua negara menandatangani perjanjian itu."), // the same act again
		ev("AGREE", []string{"RUS"}, []string{"MLI"}, nil, 200, "Rusia akan membantu Mali \xff."),
		ev("AID", []string{"RUS"}, []string{"MLI"}, str("2024"), 250, "Tahun ini Rusia mengirim helikopter."),
	}
	var buf bytes.Buffer
	if err := Gold(&buf, []GoldDoc{GoldOf(d, evs)}); err != nil {
		t.Fatal(err)
	}
	want := `{"doc":"seed-000","lang":"id","pub_date":"2024-06-24","events":[` +
		`{"type":"SUPPORT","actors":["MLI","RUS"],"recipients":[],"contexts":[],"date":"2024-06-22","main":true,"evidence":"Mali dan Rusia menandatangani perjanjian."},` +
		`{"type":"AGREE","actors":["RUS"],"recipients":["MLI"],"contexts":[],"date":null,"main":true,"evidence":"Rusia akan membantu Mali ` + "\uFFFD" + `."},` +
		`{"type":"AID","actors":["RUS"],"recipients":["MLI"],"contexts":[],"date":"2024","main":true,"evidence":"Tahun ini Rusia mengirim helikopter."},` +
		`{"type":"SANCTION","actors":["MLI"],"recipients":["FRA"],"contexts":[],"date":"2022-01","main":false,"evidence":"Mali mengusir Duta Besar Prancis pada Januari 2022."}]}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("gold:\n%s\nwant\n%s", got, want)
	}
	// The shared scorer reads it: one JSON object a line with the fields
	// GUIDELINE.md names.
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(buf.String())), &line); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"doc", "lang", "pub_date", "events"} {
		if _, ok := line[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
}
