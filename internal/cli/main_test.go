package cli

import (
	"context"
	"os"
	"testing"
)

// TestMain lets a test re-run this binary as `mitra` (MITRA_TEST_MAIN=1),
// so that a test can kill a real ingest process.
func TestMain(m *testing.M) {
	if os.Getenv("MITRA_TEST_MAIN") == "1" {
		os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if sharedDemoTmp != "" {
		os.RemoveAll(sharedDemoTmp)
	}
	os.Exit(code)
}
