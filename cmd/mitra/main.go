// Command mitra turns news pages into a dated, sourced record of what states
// do to and with each other. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"mitra/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
