// Command todosvc serves the todo API over HTTP and gRPC at once, from one
// set of endpoints, on a SQLite file, with the middleware of stage 04. A
// third listener, the debug address, serves Prometheus metrics on /metrics
// and the profiler on /debug/pprof/.
//
//	todosvc -http-addr 127.0.0.1:8080 -grpc-addr 127.0.0.1:8082 -debug-addr 127.0.0.1:8081 -db todo.db
//
// The component graph, inside out:
//
//	Recover → HTTP handler ─┐
//	                        ├→ EndpointDuration → RateLimit → CircuitBreaker
//	Recover → gRPC server ──┘    → endpoint → Logging → Instrumenting → service → store
//
// Everything under the transports is shared: one rate limit, one breaker
// per method and one set of metrics for both. The three servers run until
// SIGINT or SIGTERM; then gRPC health answers NOT_SERVING, the servers go
// on serving for -shutdown-grace, requests in flight on every transport
// finish, and it exits 0.
package main

import (
	"context"
	"flag"
	"io"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/debug"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/onion"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
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
	var (
		grpcAddr  = fs.String("grpc-addr", "127.0.0.1:8082", "gRPC listen `address`")
		debugAddr = fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
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

	endpoints, err := onion.Endpoints(todo.NewService(store, time.Now), cfg, logger, registry)
	if err != nil {
		return err
	}

	// One set of endpoints, two transports; the debug handler beside them.
	// Listen on every address before serving any.
	group := serve.NewGroup(logger, flags)
	defer group.Close()
	if _, err := group.HTTP("HTTP", flags.HTTPAddr, onion.HTTPHandler(endpoints, flags.PublicURL, logger)); err != nil {
		return err
	}
	grpcServer, grpcHealth := todogrpc.NewGRPCServer(endpoints, logger)
	if _, err := group.Graceful("gRPC", *grpcAddr, grpcServer); err != nil {
		return err
	}
	// The first thing the group does when it stops: health answers
	// NOT_SERVING, so that a load balancer that checks it stops sending
	// calls here, while the server still answers those on their way
	// (-shutdown-grace), before it drains.
	group.OnStop(grpcHealth.Shutdown)
	if _, err := group.HTTP("debug", *debugAddr, debug.Handler(registry)); err != nil {
		return err
	}
	return group.Run(ctx)
}
