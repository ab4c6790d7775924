// Package cli implements mitra's commands. Run is the whole program minus
// process plumbing, so tests drive it like a user would.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"mitra/internal/lang"
	"mitra/internal/lang/packs"
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
	return []*Command{cmdExtract, cmdIngest, cmdEvents, cmdDyad, cmdShifts, cmdReview, cmdStats, cmdExport, cmdServe, cmdDemo, cmdBench}
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

// loadPacks loads every language pack (package packs lists them); files in
// dataDir replace embedded data files without recompiling.
func loadPacks(dataDir string) ([]*lang.Pack, error) { return packs.Load(dataDir) }
