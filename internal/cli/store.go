package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/pipeline"
	"mitra/internal/store/sqlite"
	"mitra/internal/token"
)

// dbFlag adds --db to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database file (default: mitra.db in the user's data directory)")
}

// openDB opens the store named by --db, or the default one.
func openDB(ctx context.Context, path string) (*sqlite.DB, string, error) {
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, "", fmt.Errorf("default database: %w", err)
		}
		path = p
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, path, fmt.Errorf("open %s: %w", path, err)
	}
	return db, path, nil
}

// newPipeline builds the pipeline over the embedded packs.
func newPipeline() (*pipeline.Pipeline, error) {
	packs, err := loadPacks("")
	if err != nil {
		return nil, err
	}
	return pipeline.New(packs...)
}

// partyCode turns what a user typed ("RUS", "rus", "Rusia", "Korea
// Selatan") into a party code, using the gazetteer for names.
func partyCode(g *actor.Gazetteer, s string) (string, error) {
	s = strings.TrimSpace(s)
	up := strings.ToUpper(s)
	for _, c := range g.Codes() {
		if c == up {
			return c, nil
		}
	}
	toks := token.Tokenize(s, 0)
	if ms := g.Find(toks, nowDate()); len(ms) > 0 && ms[0].Tok0 == 0 && ms[len(ms)-1].Tok1 == len(toks) {
		return ms[0].Code, nil
	}
	return "", fmt.Errorf("unknown party %q (use an ISO 3166-1 alpha-3 code such as RUS, or a name such as Rusia)", s)
}

// isTerminal reports whether f is a terminal (for progress bars).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
