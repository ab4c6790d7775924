// Package cli implements mitra's commands. Run is the whole program minus
// process plumbing, so tests drive it like a user would.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mitra/internal/lang"
	"mitra/internal/lang/id"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitInput = 1 // some inputs failed; each is named on stderr
	ExitUsage = 2
)

// Env is what a command may touch.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one subcommand.
type Command struct {
	Name  string
	Usage string // one line: arguments
	Short string
	Run   func(env *Env, args []string) int
}

// Commands lists the subcommands, in the order help shows them.
func Commands() []*Command {
	return []*Command{cmdExtract, cmdIngest, cmdEvents, cmdDyad, cmdShifts, cmdStats, cmdExport, cmdServe, cmdDemo, cmdBench}
}

// Run executes the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range Commands() {
		if c.Name == args[0] {
			return c.Run(env, args[1:])
		}
	}
	fmt.Fprintf(stderr, "mitra: unknown command %q\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: mitra COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range Commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Short)
	}
	fmt.Fprintln(w, "\nrun 'mitra COMMAND -h' for a command's flags")
}

func newFlags(env *Env, c *Command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: mitra %s %s\n\n%s\n\nflags:\n", c.Name, c.Usage, c.Short)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args allowing flags after positional arguments, as
// users type them ("mitra extract docs/ --format table").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if pos[len(pos)-1] == "--" {
			return append(pos[:len(pos)-1], args...), nil
		}
	}
}

// loadPacks returns the language packs, in order of preference. Files in
// dataDir (actors.tsv, triggers.tsv, …) replace the Indonesian pack's
// embedded files of the same name, without recompiling. Adding a language is
// a line here.
func loadPacks(dataDir string) ([]*lang.Pack, error) {
	fsys := id.Data()
	if dataDir != "" {
		if st, err := os.Stat(dataDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--data %s: not a folder", dataDir)
		}
		fsys = overlay{dir: dataDir, base: fsys}
	}
	p, err := id.Load(fsys)
	if err != nil {
		return nil, err
	}
	return []*lang.Pack{p}, nil
}

// overlay serves data/NAME from dir/NAME when that file exists, and from
// base otherwise.
type overlay struct {
	dir  string
	base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "data/"); ok && fs.ValidPath(rest) {
		f, err := os.Open(filepath.Join(o.dir, filepath.FromSlash(rest)))
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.base.Open(name)
}
