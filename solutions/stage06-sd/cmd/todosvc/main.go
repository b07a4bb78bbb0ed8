// Command todosvc serves the todo API over HTTP and gRPC, on a SQLite file,
// with the middleware of stage 04, and registers itself in etcd so that
// clients find it (stage 06): its HTTP URL under one prefix, its gRPC
// address under another. Run several over one database file: any of them
// answers for the same data.
//
//	todosvc -http-addr 127.0.0.1:0 -grpc-addr 127.0.0.1:0 -debug-addr 127.0.0.1:0 -db todo.db -etcd-endpoints 127.0.0.1:2379
//
// Port 0 picks a free port, and the server registers the address it got:
// with discovery, clients need not know it. wire.go builds the onion and
// the two transports; register.go registers the instance; this file reads
// the flags and runs the servers until SIGINT or SIGTERM. Then it
// deregisters first, so that clients stop sending requests here, lets
// requests in flight finish, and exits 0.
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
	"strings"
	"syscall"
	"time"

	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
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

// config is what wire and register need from the flags.
type config struct {
	publicURL       string        // base of each todo's url; "" for the request's host
	rateLimit       float64       // requests per second, for the whole server
	rateBurst       int           // requests allowed at once above the rate
	breakerFailures uint          // consecutive failures that open a method's breaker
	breakerTimeout  time.Duration // how long a breaker stays open before a trial request
	etcdEndpoints   []string      // etcd members, host:port
	etcdPrefix      string        // key prefix of the service
	etcdTTL         time.Duration // lease of the instance's key
	registerURL     string        // the URL to register; "" for http://<bound address>
	etcdGRPCPrefix  string        // key prefix of the service's gRPC addresses
	registerGRPC    string        // the gRPC address to register; "" for the bound one
}

// run opens the store, wires the service, serves it and registers it until
// ctx is done. It logs, in logfmt on stderr, the addresses it listens on
// (port 0 picks a free one).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	var (
		httpAddr      = fs.String("http-addr", "127.0.0.1:8080", "HTTP listen `address`")
		grpcAddr      = fs.String("grpc-addr", "127.0.0.1:8082", "gRPC listen `address` (empty: no gRPC)")
		debugAddr     = fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/ (empty: none)")
		dbPath        = fs.String("db", "todo.db", "SQLite database `file`, which several instances may share")
		etcdEndpoints = fs.String("etcd-endpoints", todosd.DefaultEtcd, "etcd `addresses` to register in, comma-separated")
	)
	fs.StringVar(&cfg.publicURL, "public-url", "", "the service's `URL` as clients see it, for each todo's url (default: the request's host)")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", 100, "requests per second the server accepts, all methods together")
	fs.IntVar(&cfg.rateBurst, "rate-burst", 50, "requests accepted at once above the rate")
	fs.UintVar(&cfg.breakerFailures, "breaker-failures", 5, "consecutive failures of a method that open its circuit breaker")
	fs.DurationVar(&cfg.breakerTimeout, "breaker-timeout", 10*time.Second, "how long an open breaker refuses requests before it tries one")
	fs.StringVar(&cfg.etcdPrefix, "etcd-prefix", todosd.DefaultPrefix, "etcd key `prefix` of the service")
	fs.DurationVar(&cfg.etcdTTL, "etcd-ttl", 10*time.Second, "lease of the instance's key: how long it outlives a crash")
	fs.StringVar(&cfg.registerURL, "register-url", "", "the `URL` to register, as clients reach this instance (default: http:// and the HTTP address bound)")
	fs.StringVar(&cfg.etcdGRPCPrefix, "etcd-grpc-prefix", todosd.DefaultGRPCPrefix, "etcd key `prefix` of the service's gRPC addresses")
	fs.StringVar(&cfg.registerGRPC, "register-grpc-addr", "", "the gRPC `address` to register, as clients reach this instance (default: the gRPC address bound)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.rateLimit <= 0 || cfg.rateBurst < 1 || cfg.breakerFailures < 1 || cfg.breakerTimeout <= 0 {
		return errors.New("-rate-limit, -rate-burst, -breaker-failures and -breaker-timeout must be positive")
	}
	for e := range strings.SplitSeq(*etcdEndpoints, ",") {
		if e = strings.TrimSpace(e); e != "" {
			cfg.etcdEndpoints = append(cfg.etcdEndpoints, e)
		}
	}
	if len(cfg.etcdEndpoints) == 0 {
		return errors.New("-etcd-endpoints is empty: give the address of etcd, e.g. 127.0.0.1:2379")
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
	defer grpcServer.Stop() // after a clean GracefulStop this does nothing

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
	var (
		running []*http.Server
		apiAddr net.Addr
	)
	served := make(chan error, len(servers)+1)
	defer func() {
		for _, s := range running {
			s.Close() // after a clean Shutdown this does nothing
		}
	}()
	for _, s := range servers {
		if s.addr == "" {
			continue
		}
		listener, err := net.Listen("tcp", s.addr)
		if err != nil {
			return err
		}
		if s.name == "HTTP" {
			apiAddr = listener.Addr()
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
	var grpcBound net.Addr // nil: no gRPC
	if *grpcAddr != "" {
		listener, err := net.Listen("tcp", *grpcAddr)
		if err != nil {
			return err
		}
		grpcBound = listener.Addr()
		logger.Log("msg", "listening", "transport", "gRPC", "addr", grpcBound, "db", *dbPath)
		go func() { served <- grpcServer.Serve(listener) }()
	}

	// Register once the API serves: a client may call as soon as it sees
	// the key. One registration per transport, each with an etcd client
	// (and a lease) of its own.
	registrarLogger := log.With(logger, "component", "registrar")
	deregister, err := register(ctx, cfg, apiAddr, registrarLogger)
	if err != nil {
		return err
	}
	if grpcBound != nil {
		deregisterGRPC, err := registerGRPC(ctx, cfg, grpcBound, registrarLogger)
		if err != nil {
			deregister()
			return err
		}
		deregisterHTTP := deregister
		deregister = func() { deregisterGRPC(); deregisterHTTP() }
	}

	select {
	case err := <-served:
		deregister()
		return err
	case <-ctx.Done():
	}
	// Deregister first: clients stop choosing this instance while it still
	// answers the requests already on their way. Then drain.
	deregister()
	logger.Log("msg", "shutting down", "timeout", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	for _, s := range running {
		if err := s.Shutdown(shutdownCtx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	listening := len(running)
	if grpcBound != nil {
		listening++
		stopped := make(chan struct{})
		go func() {
			grpcServer.GracefulStop() // lets rpcs in flight finish
			close(stopped)
		}()
		select {
		case <-stopped:
		case <-shutdownCtx.Done():
			return fmt.Errorf("shutdown: gRPC: %w", shutdownCtx.Err())
		}
	}
	for range listening {
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, grpc.ErrServerStopped) {
			return err
		}
	}
	logger.Log("msg", "stopped")
	return nil
}

// registerGRPC registers the instance's gRPC address, addr or
// cfg.registerGRPC, under cfg.etcdGRPCPrefix, with the same register as
// the HTTP URL (register.go): a Registration of its own, with its own etcd
// client. Its value is a bare host:port, what grpc.NewClient takes.
func registerGRPC(ctx context.Context, cfg config, addr net.Addr, logger log.Logger) (deregister func(), err error) {
	value := cfg.registerGRPC
	if value == "" {
		tcp, ok := addr.(*net.TCPAddr)
		if !ok || tcp.IP.IsUnspecified() {
			return nil, fmt.Errorf("the gRPC address %v is not one clients can reach: give -register-grpc-addr, e.g. myhost:8082", addr)
		}
		value = addr.String()
	}
	grpcCfg := cfg
	grpcCfg.etcdPrefix, grpcCfg.registerURL = cfg.etcdGRPCPrefix, value
	return register(ctx, grpcCfg, addr, logger)
}
