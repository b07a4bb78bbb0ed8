// Command todosvc serves the todo API over HTTP, on a SQLite file, with the
// middleware of stage 04: logs, metrics, a rate limit, circuit breakers and
// panic recovery. A second listener, the debug address, serves Prometheus
// metrics on /metrics and the profiler on /debug/pprof/.
//
//	todosvc -http-addr 127.0.0.1:8080 -debug-addr 127.0.0.1:8081 -db todo.db
//
// wire.go builds the onion, inside out; this file reads the flags, makes the
// logger and the metrics registry, and runs the two servers until SIGINT or
// SIGTERM: requests in flight finish, then it exits 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

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

// config is what wire needs from the flags.
type config struct {
	publicURL       string        // base of each todo's url; "" for the request's host
	rateLimit       float64       // requests per second, for the whole server
	rateBurst       int           // requests allowed at once above the rate
	breakerFailures uint          // consecutive failures that open a method's breaker
	breakerTimeout  time.Duration // how long a breaker stays open before a trial request
}

// run opens the store, wires the service and serves it until ctx is done.
// It logs, in logfmt on stderr, the addresses it listens on (port 0 picks a
// free one).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	var (
		httpAddr  = fs.String("http-addr", "127.0.0.1:8080", "HTTP listen `address`")
		debugAddr = fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/")
		dbPath    = fs.String("db", "todo.db", "SQLite database `file`")
	)
	fs.StringVar(&cfg.publicURL, "public-url", "", "the service's `URL` as clients see it, for each todo's url (default: the request's host)")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", 100, "requests per second the server accepts, all methods together")
	fs.IntVar(&cfg.rateBurst, "rate-burst", 50, "requests accepted at once above the rate")
	fs.UintVar(&cfg.breakerFailures, "breaker-failures", 5, "consecutive failures of a method that open its circuit breaker")
	fs.DurationVar(&cfg.breakerTimeout, "breaker-timeout", 10*time.Second, "how long an open breaker refuses requests before it tries one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.rateLimit <= 0 || cfg.rateBurst < 1 || cfg.breakerFailures < 1 || cfg.breakerTimeout <= 0 {
		return errors.New("-rate-limit, -rate-burst, -breaker-failures and -breaker-timeout must be positive")
	}

	var logger log.Logger
	logger = log.NewLogfmtLogger(log.NewSyncWriter(stderr))
	logger = log.With(logger, "ts", log.DefaultTimestampUTC)

	// One registry for this process, passed to whoever registers metrics:
	// no global state, so tests can run the command many times.
	registry := prometheus.NewRegistry()
	registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)

	store, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()

	handler, err := wire(store, cfg, logger, registry)
	if err != nil {
		return err
	}

	// The debug mux: metrics and the profiler, on their own address so that
	// they need not be public. pprof's handlers are registered here
	// explicitly; importing net/http/pprof also adds them to
	// http.DefaultServeMux, which this program never serves.
	debugMux := http.NewServeMux()
	debugMux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	debugMux.HandleFunc("/debug/pprof/", pprof.Index)
	debugMux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	debugMux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	debugMux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	debugMux.HandleFunc("/debug/pprof/trace", pprof.Trace)

	servers := []struct {
		name, addr string
		handler    http.Handler
	}{
		{"HTTP", *httpAddr, handler},
		{"debug", *debugAddr, debugMux},
	}
	var running []*http.Server
	served := make(chan error, len(servers))
	defer func() {
		for _, s := range running {
			s.Close() // after a clean Shutdown this does nothing
		}
	}()
	for _, s := range servers {
		listener, err := net.Listen("tcp", s.addr)
		if err != nil {
			return err
		}
		server := &http.Server{
			Handler:           s.handler,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second, // pprof's profile takes 30 s by default
			IdleTimeout:       2 * time.Minute,
		}
		running = append(running, server)
		logger.Log("msg", "listening", "transport", s.name, "addr", listener.Addr(), "db", *dbPath)
		go func() { served <- server.Serve(listener) }()
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Log("msg", "shutting down", "timeout", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	for _, s := range running {
		if err := s.Shutdown(shutdownCtx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	for range running {
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	logger.Log("msg", "stopped")
	return nil
}
