package buildinfo

import "testing"

func TestString(t *testing.T) {
	tests := []struct {
		b    Build
		want string
	}{
		{Build{Version: "(devel)"}, "mitra (devel)"},
		{Build{Version: "v1.2.0", Revision: "3f2a1c9e0b12aaaa", Time: "2026-01-05T10:00:00Z"}, "mitra v1.2.0 (3f2a1c9e0b12, 2026-01-05T10:00:00Z)"},
		{Build{Version: "(devel)", Revision: "abc", Modified: true}, "mitra (devel) (abc+modified)"},
	}
	for _, tc := range tests {
		if got := tc.b.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.b, got, tc.want)
		}
	}
	if b := Get(); b.Version == "" || b.Go == "" {
		t.Errorf("Get() = %+v: no version or Go version", b)
	}
}
