package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/pipeline"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
	"mitra/internal/store/sqlite"
	"mitra/internal/token"
)

// dbFlag adds --db to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database: a file, or a PostgreSQL URL postgres://… (default: $MITRA_DB, else mitra.db in the user's data directory)")
}

// openDB opens the store named by --db, else by $MITRA_DB, else the
// default SQLite file: a postgres:// or postgresql:// URL opens a
// PostgreSQL database, anything else a SQLite file. It returns the store
// and its name for messages (a URL without its password).
func openDB(ctx context.Context, path string) (store.Store, string, error) {
	if path == "" {
		path = os.Getenv("MITRA_DB")
	}
	if postgres.IsDSN(path) {
		name := postgres.Redact(path)
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return nil, name, err
		}
		return db, name, nil
	}
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
