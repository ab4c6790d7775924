package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"mitra/internal/buildinfo"
	"mitra/internal/record"
	"mitra/internal/store/sqlite"
)

var cmdVersion = &Command{
	Name:  "version",
	Usage: "[--format text|json]",
	Short: "the build, its Go version, the codebook it codes in, its database schema and languages",
}

func init() { cmdVersion.Run = runVersion }

func runVersion(env *Env, args []string) int {
	fs := newFlags(env, cmdVersion)
	format := fs.String("format", "text", "text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 0 || (*format != "text" && *format != "json") {
		fmt.Fprintf(env.Stderr, "usage: mitra version %s\n", cmdVersion.Usage)
		return ExitUsage
	}
	b := buildinfo.Get()
	packs, err := loadPacks("")
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra version: %v\n", err)
		return ExitUsage
	}
	var langs []string
	for _, p := range packs {
		langs = append(langs, p.Serves...)
	}
	if *format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			Build     string   `json:"build"`
			Version   string   `json:"version"`
			Revision  string   `json:"revision"`
			Time      string   `json:"time"`
			Modified  bool     `json:"modified"`
			Go        string   `json:"go"`
			Codebook  string   `json:"codebook"`
			Schema    int      `json:"schema"`
			Languages []string `json:"languages"`
		}{b.String(), b.Version, b.Revision, b.Time, b.Modified, b.Go, record.Codebook, sqlite.SchemaVersion(), langs})
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, b.String())
	fmt.Fprintf(env.Stdout, "go         %s\n", b.Go)
	fmt.Fprintf(env.Stdout, "codebook   %s\n", record.Codebook)
	fmt.Fprintf(env.Stdout, "schema     %d (SQLite migrations)\n", sqlite.SchemaVersion())
	fmt.Fprintf(env.Stdout, "languages  %s (documents coded; others are skipped)\n", strings.Join(langs, ", "))
	return ExitOK
}
