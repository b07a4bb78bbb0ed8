// Command todosvc serves the todo API over HTTP, on a SQLite file.
//
//	todosvc -http-addr 127.0.0.1:8080 -db todo.db
//
// The wiring is explicit, inside out: store → service → endpoints → HTTP
// handler (wire.go), then the server (here), run by package serve until
// SIGINT or SIGTERM: requests in flight finish, then it exits 0.
package main

import (
	"context"
	"flag"
	"io"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/stage03-http/serve"
)

func main() { serve.Main("todosvc", run) }

// run opens the store, wires the service and serves it until ctx is done.
// It logs, in logfmt on stderr, the address it listens on (port 0 picks a
// free one).
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var flags serve.Flags
	flags.Register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := serve.NewLogger(stderr)

	store, err := sqlite.Open(ctx, flags.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Log("msg", "opened", "db", flags.DB)

	handler := wire(store, flags.PublicURL, logger)

	group := serve.NewGroup(logger, flags)
	defer group.Close()
	if _, err := group.HTTP("HTTP", flags.HTTPAddr, handler); err != nil {
		return err
	}
	return group.Run(ctx)
}
