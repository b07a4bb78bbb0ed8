// Command todosvc serves the todo API over HTTP and gRPC, on a SQLite file,
// with the middleware of stage 04, and registers itself in etcd so that
// clients find it (stage 06): its HTTP URL under one prefix, its gRPC
// address under another. Run several over one database file: any of them
// answers for the same data.
//
//	todosvc -http-addr 127.0.0.1:0 -grpc-addr 127.0.0.1:0 -debug-addr 127.0.0.1:0 -db todo.db -etcd-endpoints 127.0.0.1:2379
//
// Port 0 picks a free port, and the server registers the address it got:
// with discovery, clients need not know it. The component graph is stage
// 05's; what this stage adds is register.go, and its place in the
// lifecycle: on SIGINT or SIGTERM the server reports not ready first (gRPC
// health NOT_SERVING, its keys deregistered), so that clients stop sending
// requests here, keeps serving for -shutdown-grace (2 s by default) while
// their etcd watches tell them, then lets requests in flight finish, and
// exits 0.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/debug"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/onion"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
)

func main() { serve.Main("todosvc", run) }

// config is what register needs from the flags.
type config struct {
	etcdEndpoints  []string      // etcd members, host:port
	etcdPrefix     string        // key prefix of the service
	etcdTTL        time.Duration // lease of the instance's key
	registerURL    string        // the URL to register; "" for http://<bound address>
	etcdGRPCPrefix string        // key prefix of the service's gRPC addresses
	registerGRPC   string        // the gRPC address to register; "" for the bound one
}

// run opens the store, wires the service, serves it and registers it until
// ctx is done. It logs, in logfmt on stderr, the addresses it listens on
// (port 0 picks a free one).
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("todosvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		flags serve.Flags
		mw    onion.Config
		cfg   config
	)
	// Clients learn that this instance left from an etcd watch: it keeps
	// serving for a while after deregistering, for them to notice.
	flags.Grace = 2 * time.Second
	flags.Register(fs)
	mw.RegisterFlags(fs)
	var (
		grpcAddr      = fs.String("grpc-addr", "127.0.0.1:8082", "gRPC listen `address` (empty: no gRPC)")
		debugAddr     = fs.String("debug-addr", "127.0.0.1:8081", "debug listen `address`: /metrics and /debug/pprof/ (empty: none)")
		etcdEndpoints = fs.String("etcd-endpoints", todosd.DefaultEtcd, "etcd `addresses` to register in, comma-separated")
	)
	fs.StringVar(&cfg.etcdPrefix, "etcd-prefix", todosd.DefaultPrefix, "etcd key `prefix` of the service")
	fs.DurationVar(&cfg.etcdTTL, "etcd-ttl", 10*time.Second, "lease of the instance's key: how long it outlives a crash")
	fs.StringVar(&cfg.registerURL, "register-url", "", "the `URL` to register, as clients reach this instance (default: http:// and the HTTP address bound)")
	fs.StringVar(&cfg.etcdGRPCPrefix, "etcd-grpc-prefix", todosd.DefaultGRPCPrefix, "etcd key `prefix` of the service's gRPC addresses")
	fs.StringVar(&cfg.registerGRPC, "register-grpc-addr", "", "the gRPC `address` to register, as clients reach this instance (default: the gRPC address bound)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := mw.Validate(); err != nil {
		return err
	}
	etcd, err := todosd.ParseEndpoints(*etcdEndpoints)
	if err != nil {
		return fmt.Errorf("-etcd-endpoints: %w", err)
	}
	cfg.etcdEndpoints = etcd
	logger := serve.NewLogger(stderr)
	registry := debug.NewRegistry()

	store, err := sqlite.Open(ctx, flags.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Log("msg", "opened", "db", flags.DB)

	endpoints, err := onion.Endpoints(todo.NewService(store, time.Now), mw, logger, registry)
	if err != nil {
		return err
	}

	group := serve.NewGroup(logger, flags)
	defer group.Close()
	httpBound, err := group.HTTP("HTTP", flags.HTTPAddr, onion.HTTPHandler(endpoints, flags.PublicURL, logger))
	if err != nil {
		return err
	}
	var (
		grpcBound  net.Addr       // nil: no gRPC
		grpcHealth *health.Server // its health service
	)
	if *grpcAddr != "" {
		var grpcServer *grpc.Server
		grpcServer, grpcHealth = todogrpc.NewGRPCServer(endpoints, logger)
		if grpcBound, err = group.Graceful("gRPC", *grpcAddr, grpcServer); err != nil {
			return err
		}
	}
	if *debugAddr != "" {
		if _, err := group.HTTP("debug", *debugAddr, debug.Handler(registry)); err != nil {
			return err
		}
	}

	// Register once the addresses are bound: a client may call as soon as
	// it sees the key. One registration per transport, each with an etcd
	// client (and a lease) of its own. Deregistering is the first thing the
	// group does when it stops: clients stop choosing this instance while
	// it still answers the requests already on their way.
	registrarLogger := log.With(logger, "component", "registrar")
	deregisterHTTP, err := register(ctx, cfg, httpBound, registrarLogger)
	if err != nil {
		return err
	}
	group.OnStop(deregisterHTTP)
	if grpcBound != nil {
		deregisterGRPC, err := registerGRPC(ctx, cfg, grpcBound, registrarLogger)
		if err != nil {
			deregisterHTTP()
			return err
		}
		group.OnStop(deregisterGRPC)
		// Added last, run first: health answers NOT_SERVING at once, even
		// while deregistering waits on etcd.
		group.OnStop(grpcHealth.Shutdown)
	}
	return group.Run(ctx)
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
