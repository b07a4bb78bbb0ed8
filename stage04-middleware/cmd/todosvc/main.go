// Command todosvc serves the todo API over HTTP, on a SQLite file, with the
// middleware of stage 04: logs, metrics, a rate limit, circuit breakers and
// panic recovery. A second listener, the debug address, serves Prometheus
// metrics on /metrics and the profiler on /debug/pprof/.
//
//	todosvc -http-addr 127.0.0.1:8080 -debug-addr 127.0.0.1:8081 -db todo.db
//
// The component graph, inside out: store → service → the onion's endpoints
// (package onion) → HTTP handler, and the debug handler beside it. -fail,
// -panic and -slow put a service in trouble under the onion, to watch what
// each ring does with it (trouble.go). Both servers run until SIGINT or SIGTERM:
// requests in flight finish, then it exits 0.
package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/stage04-middleware/debug"
	"github.com/gokit-workshop/workshop/stage04-middleware/onion"
)

func main() { serve.Main("todosvc", run) }

// run opens the store, wires the service and serves it until ctx is done.
// It logs, in logfmt on stderr, the addresses it listens on (port 0 picks a
// free one).
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		flags serve.Flags
		cfg   onion.Config
	)
	flags.Register(fs)
	cfg.RegisterFlags(fs)
	debugAddr := fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/")
	fail := fs.String("fail", "", "for trying the onion: every call of this service `method` fails with an internal error")
	panics := fs.String("panic", "", "for trying the onion: every call of this service `method` panics")
	slow := fs.String("slow", "", "for trying the onion: every call of this service `method` takes a second, or fails when its caller gives up")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := errors.Join(checkTrouble("fail", *fail), checkTrouble("panic", *panics), checkTrouble("slow", *slow)); err != nil {
		return err
	}
	logger := serve.NewLogger(stderr)
	registry := debug.NewRegistry()

	store, err := sqlite.Open(ctx, flags.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Log("msg", "opened", "db", flags.DB)

	var service todo.Service = todo.NewService(store, time.Now)
	if *fail != "" || *panics != "" || *slow != "" {
		service = troubled{next: service, fail: *fail, panics: *panics, slow: *slow}
	}
	endpoints, err := onion.Endpoints(service, cfg, logger, registry)
	if err != nil {
		return err
	}
	handler := onion.HTTPHandler(endpoints, flags.PublicURL, logger)

	group := serve.NewGroup(logger, flags)
	defer group.Close()
	if _, err := group.HTTP("HTTP", flags.HTTPAddr, handler); err != nil {
		return err
	}
	if _, err := group.HTTP("debug", *debugAddr, debug.Handler(registry)); err != nil {
		return err
	}
	return group.Run(ctx)
}
