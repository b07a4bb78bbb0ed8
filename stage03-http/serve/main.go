package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Main is the main function of a server command: it runs run with the
// command line's arguments and stderr, under a context that SIGINT or
// SIGTERM ends, and exits 1 with the error run returns. -h is not an error:
// the flag package has printed the usage, and the command exits 0. The
// first signal asks for a clean stop; a second one ends the process at
// once, as if Main were not there.
func Main(name string, run func(ctx context.Context, args []string, stderr io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the default action again, for a second signal
	}()
	err := run(ctx, os.Args[1:], os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}
