// Command todosvc serves the todo API over HTTP, on a SQLite file.
//
//	todosvc -http-addr 127.0.0.1:8080 -db todo.db
//
// The wiring is explicit, inside out: store → service → endpoints → HTTP
// handler (wire.go), then the server (here). SIGINT or SIGTERM stops it:
// requests in flight finish, then it exits 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
)

// shutdownTimeout bounds how long requests in flight may take to finish
// after a stop signal.
const shutdownTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) { // -h printed the usage: exit 0
		fmt.Fprintln(os.Stderr, "todosvc:", err)
		os.Exit(1)
	}
}

// run opens the store, wires the service and serves it until ctx is done.
// It logs, in logfmt on stderr, the address it listens on (port 0 picks a
// free one).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		httpAddr  = fs.String("http-addr", "127.0.0.1:8080", "HTTP listen `address`")
		dbPath    = fs.String("db", "todo.db", "SQLite database `file`")
		publicURL = fs.String("public-url", "", "the service's `URL` as clients see it, for each todo's url (default: the request's host)")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}

	var logger log.Logger
	logger = log.NewLogfmtLogger(log.NewSyncWriter(stderr))
	logger = log.With(logger, "ts", log.DefaultTimestampUTC)

	store, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()

	handler := wire(store, *publicURL, logger)

	listener, err := net.Listen("tcp", *httpAddr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	logger.Log("msg", "listening", "transport", "HTTP", "addr", listener.Addr(), "db", *dbPath)

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Log("msg", "shutting down", "timeout", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Log("msg", "stopped")
	return nil
}
