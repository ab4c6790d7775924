package article

import "testing"

func TestOffsetMap(t *testing.T) {
	var m OffsetMap
	// clean "ab" + "\n" + "cd" from raw "xxab\n\nyycd"
	m.Add(0, 2, 2)
	m.Add(2, 4, 1)
	m.Add(3, 8, 2)
	tests := []struct{ clean, raw int }{{0, 2}, {1, 3}, {2, 4}, {3, 8}, {4, 9}, {5, 10}}
	for _, tc := range tests {
		if got := m.Raw(tc.clean); got != tc.raw {
			t.Errorf("Raw(%d) = %d, want %d", tc.clean, got, tc.raw)
		}
	}
	if len(m.Segs) != 2 {
		t.Errorf("adjacent exact segments should merge: %+v", m.Segs)
	}
	if got := m.RawSpan(Span{3, 5}); got != (Span{8, 10}) {
		t.Errorf("RawSpan = %v", got)
	}
	var id OffsetMap
	if id.Raw(7) != 7 {
		t.Error("zero map is not the identity")
	}
	var inex OffsetMap
	inex.AddInexact(0, 4, 10, 8) // "a&b" decoded from 8 raw bytes
	if got := inex.Raw(2); got != 14 {
		t.Errorf("inexact Raw(2) = %d, want 14", got)
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		d         Date
		str, prec string
		valid     bool
	}{
		{Date{2022, 1, 24}, "2022-01-24", "day", true},
		{Date{2021, 8, 0}, "2021-08", "month", true},
		{Date{2013, 0, 0}, "2013", "year", true},
		{Date{}, "", "", false},
		{Date{2023, 2, 30}, "2023-02-30", "day", false},
		{Date{2023, 0, 5}, "2023", "year", false},
	}
	for _, tc := range tests {
		if tc.d.String() != tc.str || tc.d.Precision() != tc.prec || tc.d.Valid() != tc.valid {
			t.Errorf("%+v: got %q %q %v", tc.d, tc.d.String(), tc.d.Precision(), tc.d.Valid())
		}
	}
}
