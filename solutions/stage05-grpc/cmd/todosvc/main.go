// Command todosvc serves the todo API over HTTP and gRPC at once, from one
// set of endpoints, on a SQLite file, with the middleware of stage 04. A
// third listener, the debug address, serves Prometheus metrics on /metrics
// and the profiler on /debug/pprof/.
//
//	todosvc -http-addr 127.0.0.1:8080 -grpc-addr 127.0.0.1:8082 -debug-addr 127.0.0.1:8081 -db todo.db
//
// wire.go builds the onion, inside out, and the two transports on top of the
// same endpoints; this file reads the flags, makes the logger and the
// metrics registry, and runs the three servers as one oklog/run group until
// SIGINT or SIGTERM: requests in flight on both transports finish, then it
// exits 0.
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
	oklog "github.com/oklog/run"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"

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
		grpcAddr  = fs.String("grpc-addr", "127.0.0.1:8082", "gRPC listen `address`")
		debugAddr = fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/")
		dbPath    = fs.String("db", "todo.db", "SQLite database `file`")
	)
	fs.StringVar(&cfg.publicURL, "public-url", "", "the service's `URL` as clients see it, for each todo's url (default: the request's host)")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", 100, "requests per second the server accepts, all methods and both transports together")
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

	handler, grpcServer, err := wire(store, cfg, logger, registry)
	if err != nil {
		return err
	}

	// The debug mux: metrics and the profiler, on their own address so that
	// they need not be public.
	debugMux := http.NewServeMux()
	debugMux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	debugMux.HandleFunc("/debug/pprof/", pprof.Index)
	debugMux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	debugMux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	debugMux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	debugMux.HandleFunc("/debug/pprof/trace", pprof.Trace)

	// Listen on every address before serving any: a port that is taken
	// stops the command at once, with nothing half started.
	listen := func(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
	httpListener, err := listen(*httpAddr)
	if err != nil {
		return err
	}
	defer httpListener.Close() // in case a later listen fails; a second Close does no harm
	grpcListener, err := listen(*grpcAddr)
	if err != nil {
		return err
	}
	defer grpcListener.Close()
	debugListener, err := listen(*debugAddr)
	if err != nil {
		return err
	}
	defer debugListener.Close()

	// The servers run as one oklog/run group: each actor runs until it
	// fails or is interrupted, and the first one to return interrupts all
	// the others. The stop signal is an actor too.
	var g oklog.Group
	{
		ctx, cancel := context.WithCancel(ctx)
		g.Add(func() error {
			<-ctx.Done()
			logger.Log("msg", "shutting down", "timeout", shutdownTimeout)
			return nil
		}, func(error) {
			cancel()
		})
	}
	addHTTP(&g, "HTTP", httpListener, handler, logger)
	addGRPC(&g, grpcListener, grpcServer)
	addHTTP(&g, "debug", debugListener, debugMux, logger)
	for _, l := range []struct {
		transport string
		addr      net.Addr
	}{{"HTTP", httpListener.Addr()}, {"gRPC", grpcListener.Addr()}, {"debug", debugListener.Addr()}} {
		logger.Log("msg", "listening", "transport", l.transport, "addr", l.addr, "db", *dbPath)
	}

	if err := g.Run(); err != nil {
		return err
	}
	logger.Log("msg", "stopped")
	return nil
}

// addHTTP adds to g an actor that serves handler on listener. Interrupted,
// it stops taking requests and lets those in flight finish, for at most
// shutdownTimeout.
func addHTTP(g *oklog.Group, name string, listener net.Listener, handler http.Handler, logger log.Logger) {
	server := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second, // pprof's profile takes 30 s by default
		IdleTimeout:       2 * time.Minute,
	}
	drained := make(chan struct{})
	g.Add(func() error {
		if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		<-drained // Serve returns as soon as Shutdown starts: wait for the requests in flight
		return nil
	}, func(error) {
		// oklog/run calls the interrupts one after the other: drain in the
		// background, so that every server drains at the same time.
		go func() {
			defer close(drained)
			ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
			defer cancel()
			if err := server.Shutdown(ctx); err != nil {
				logger.Log("msg", "shutdown", "transport", name, "err", err)
			}
		}()
	})
}

// addGRPC adds to g an actor that serves server on listener. Interrupted,
// it stops taking calls and lets those in flight finish (GracefulStop), for
// at most shutdownTimeout, then ends the rest (Stop).
func addGRPC(g *oklog.Group, listener net.Listener, server *grpc.Server) {
	drained := make(chan struct{})
	g.Add(func() error {
		if err := server.Serve(listener); err != nil {
			return err
		}
		<-drained // Serve returns as soon as GracefulStop starts: wait for the calls in flight
		return nil
	}, func(error) {
		go func() {
			defer close(drained)
			timer := time.AfterFunc(shutdownTimeout, server.Stop)
			defer timer.Stop()
			server.GracefulStop()
		}()
	})
}
