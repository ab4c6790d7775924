package actor

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The "# counts:" line of each data file's header must say what the rows
// hold, so that the figures a reader sees are measured, not remembered.

// headerCounts reads a table and returns its "# counts:" line and the rows'
// fields.
func headerCounts(t *testing.T, dir, name string) (line string, rows [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# counts:"):
			line = l
		case l == "" || strings.HasPrefix(l, "#"):
		default:
			rows = append(rows, strings.Split(l, "\t"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return line, rows
}

func TestHeaderCounts(t *testing.T) {
	line, rows := headerCounts(t, sharedDir, "leaders.tsv")
	n := map[string]int{}
	terms := map[string]bool{}
	for _, f := range rows {
		n[f[2]]++
		terms[strings.Join(f[1:5], "\t")] = true
	}
	want := fmt.Sprintf("# counts: rows %d (HOS %d, HOG %d, FM %d, DM %d, GOV %d), terms %d",
		len(rows), n["HOS"], n["HOG"], n["FM"], n["DM"], n["GOV"], len(terms))
	if line != want {
		t.Errorf("leaders.tsv header:\n got: %s\nwant: %s", line, want)
	}

	line, rows = headerCounts(t, dataDir, "actors.tsv")
	n = map[string]int{}
	for _, f := range rows {
		n[f[2]]++
	}
	kinds := strings.Fields("state org capital gov company media force nick territory demonym block")
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", k, n[k])
	}
	want = fmt.Sprintf("# counts: rows %d (%s)", len(rows), strings.Join(parts, ", "))
	if line != want {
		t.Errorf("actors.tsv header:\n got: %s\nwant: %s", line, want)
	}
}
