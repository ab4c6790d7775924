package id

import (
	"os"
	"testing"

	"mitra/internal/lang/langtest"
)

func TestPack(t *testing.T) {
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	langtest.Check(t, p)
	if !p.Handles("id") || !p.Handles("ms") || p.Handles("en") {
		t.Errorf("pack serves %v, want id and ms", p.Serves)
	}
}

// TestLoadFromDisk checks that the data files load from a folder as well as
// from the embedded copy, so they can be edited without recompiling.
func TestLoadFromDisk(t *testing.T) {
	p, err := Load(os.DirFS("."), os.DirFS("../world"))
	if err != nil {
		t.Fatal(err)
	}
	langtest.Check(t, p)
}
