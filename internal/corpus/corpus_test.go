package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	opt := Defaults
	opt.Pages = 2000
	near, exact, err := Write(&buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	if near < 120 || near > 280 || exact < 15 || exact > 70 {
		t.Errorf("near %d exact %d out of 2000: far from 10%% and 2%%", near, exact)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	n, ids := 0, map[string]bool{}
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if ids[r.ID] || r.Text == "" || !strings.Contains(r.Text, "Baca juga") || len(r.PubDate) != 10 {
			t.Fatalf("bad record %+v", r)
		}
		ids[r.ID] = true
		n++
	}
	if n != 2000 {
		t.Errorf("%d records", n)
	}
	// Deterministic for a seed.
	var again bytes.Buffer
	opt.Pages = 50
	Write(&again, opt)
	var once bytes.Buffer
	Write(&once, opt)
	if again.String() != once.String() {
		t.Error("not deterministic")
	}
}
