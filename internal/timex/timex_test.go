package timex

import (
	"os"
	"sync"
	"testing"
)

var (
	tableOnce sync.Once
	table     *Table
	tableErr  error
)

// testTable loads the Indonesian pack's date table from disk: embed cannot
// reach ../lang/id/data, and the pack package embeds it for production.
func testTable(tb testing.TB) *Table {
	tb.Helper()
	tableOnce.Do(func() {
		table, tableErr = LoadTable(os.DirFS("../lang/id/data"), "dates.tsv")
	})
	if tableErr != nil {
		tb.Fatal(tableErr)
	}
	return table
}
