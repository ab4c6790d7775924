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
	return []*Command{cmdExtract, cmdIngest, cmdEvents, cmdDyad, cmdShifts, cmdReview, cmdStats, cmdExport, cmdServe, cmdDemo, cmdBench, cmdVersion}
}

// Run executes the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 && args[0] == "help" {
			// "mitra help CMD" is "mitra CMD -h".
			return Run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return ExitOK
	}
	for _, c := range Commands() {
		if c.Name == args[0] {
			code := c.Run(env, args[1:])
			if code == ExitUsage && wantsHelp(args[1:]) {
				return ExitOK // asked for its help, and got it
			}
			return code
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
	fmt.Fprintln(w, "\nrun 'mitra help COMMAND' (or 'mitra COMMAND -h') for a command's flags")
	fmt.Fprintln(w, "\nenvironment: MITRA_DB is the database when --db is not given; MITRA_TOKEN the token of 'serve'")
}

// flagOutput is a FlagSet's output: errors go to stderr, help that was
// asked for to stdout.
type flagOutput struct {
	io.Writer // stderr
	stdout    io.Writer
}

func newFlags(env *Env, c *Command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(&flagOutput{Writer: env.Stderr, stdout: env.Stdout})
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: mitra %s %s\n\n%s\n\nflags:\n", c.Name, c.Usage, c.Short)
		fs.PrintDefaults()
	}
	return fs
}

// wantsHelp reports whether args ask for help (-h, -help, --help) before
// any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// parseFlags parses args allowing flags after positional arguments, as
// users type them ("mitra extract docs/ --format table"). Asked for help,
// it prints the command's usage to stdout and returns flag.ErrHelp (Run
// then exits 0).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	if wantsHelp(args) {
		if o, ok := fs.Output().(*flagOutput); ok {
			fs.SetOutput(o.stdout)
		}
		fs.Usage()
		return nil, flag.ErrHelp
	}
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
