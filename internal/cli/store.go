package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
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

// dbPath resolves --db: the flag, else $MITRA_DB, else the default SQLite
// file (its folder created only when create is set). A postgres:// URL is
// returned as given.
func dbPath(flagValue string, create bool) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("MITRA_DB"); env != "" {
		return env, nil
	}
	if create {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return "", fmt.Errorf("default database: %w", err)
		}
		return p, nil
	}
	return sqlite.DefaultLocation()
}

// openDB opens the store named by --db, else by $MITRA_DB, else the
// default SQLite file, for a command that writes (ingest creates the
// SQLite file and its folder): a postgres:// or postgresql:// URL opens a
// PostgreSQL database, anything else a SQLite file. It returns the store
// and its name for messages (a URL without its password).
func openDB(ctx context.Context, path string) (store.Store, string, error) {
	return open(ctx, path, true)
}

// openExisting opens the store as openDB does, for a command that only
// reads it: a SQLite file that does not exist is an error, and nothing (no
// file, no folder) is created.
func openExisting(ctx context.Context, path string) (store.Store, string, error) {
	return open(ctx, path, false)
}

func open(ctx context.Context, path string, create bool) (store.Store, string, error) {
	path, err := dbPath(path, create)
	if err != nil {
		return nil, "", err
	}
	if postgres.IsDSN(path) {
		name := postgres.Redact(path)
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return nil, name, err
		}
		return db, name, nil
	}
	if !create {
		if err := checkDatabase(path); err != nil {
			return nil, path, err
		}
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, path, fmt.Errorf("open %s: %w", path, err)
	}
	return db, path, nil
}

// checkDatabase reports whether path is an existing SQLite database.
func checkDatabase(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no database at %s; run mitra ingest first (or give --db or MITRA_DB)", path)
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder, not a database", path)
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%s is not a mitra database (not an SQLite file)", path)
	}
	return nil
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
