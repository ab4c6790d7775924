package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestOpenAPILint runs Redocly's linter (pinned in testdata/lint's
// package.json) with its recommended rules over openapi.json: no error and
// no warning, except the two testdata/lint/.redocly.lint-ignore.yaml
// explains. It needs node and `npm ci` in testdata/lint; without them it
// skips, unless MITRA_TOOLS=1 (as .ci/run sets), when it fails.
func TestOpenAPILint(t *testing.T) {
	dir := filepath.Join("testdata", "lint")
	cli := filepath.Join("node_modules", "@redocly", "cli", "bin", "cli.js")
	var missing string
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node (Node.js)"
	} else if _, err := os.Stat(filepath.Join(dir, cli)); err != nil {
		missing = "@redocly/cli (cd internal/server/testdata/lint && npm ci)"
	}
	if missing != "" {
		if os.Getenv("MITRA_TOOLS") == "1" {
			t.Fatalf("the OpenAPI lint needs %s", missing)
		}
		t.Skipf("the OpenAPI lint needs %s; MITRA_TOOLS=1 makes this a failure", missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", cli, "lint", "--format=stylish", filepath.Join("..", "..", "openapi.json"))
	cmd.Dir = dir
	// No telemetry and no update check: tests reach nothing beyond loopback.
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_UPDATE_NOTIFIER=1", "CI=true")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("redocly lint: %v\n%s", err, out)
	}
	if m := regexp.MustCompile(`(?m)^\s*\d+:\d+\s+(error|warning)\s.*$`).FindAll(out, -1); len(m) > 0 {
		t.Errorf("redocly lint: %d problems:\n%s", len(m), out)
	}
	t.Logf("%s", out)
}
