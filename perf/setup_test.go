package perf_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-kit/kit/transport"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	mwonion "github.com/gokit-workshop/workshop/solutions/stage04-middleware/onion"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"

	"github.com/gokit-workshop/workshop/perf/baseline"
)

// seeded is how many todos every benchmark's store holds before it starts:
// the list benchmarks list exactly these.
const seeded = 100

// seedFile makes a new SQLite file in tb.TempDir() with stage 01's schema
// and the seeded todos, closes it, and returns its path and the todos' ids.
func seedFile(tb testing.TB) (string, []int64) {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "todo.db")
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer store.Close()
	svc := todo.NewService(store, nil)
	ids := make([]int64, seeded)
	for i := range ids {
		t, err := svc.Create(ctx, fmt.Sprintf("seeded todo %d", i), int64(i))
		if err != nil {
			tb.Fatal(err)
		}
		ids[i] = t.ID
	}
	return path, ids
}

// openStore opens the stage 01 Store on a new seeded file (see seedFile)
// and returns it with the seeded todos' ids.
func openStore(tb testing.TB) (*sqlite.Store, []int64) {
	tb.Helper()
	path, ids := seedFile(tb)
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	return store, ids
}

// storeOnly makes the Store look like a todo.Service with nothing in
// between: the calls of the store and a time stamp, no rules. It is the
// bottom rung of the layer ladder. Only the methods the benchmarks call are
// real.
type storeOnly struct {
	todo.Service // nil: Update, Delete, DeleteAll are not benchmarked
	store        todo.Store
}

func (s storeOnly) Create(ctx context.Context, title string, order int64) (todo.Todo, error) {
	now := time.Now().UTC()
	return s.store.Insert(ctx, todo.Todo{Title: title, Order: order, CreatedAt: now, UpdatedAt: now})
}

func (s storeOnly) Get(ctx context.Context, id int64) (todo.Todo, error) {
	return s.store.Select(ctx, id)
}

func (s storeOnly) List(ctx context.Context) ([]todo.Todo, error) {
	return s.store.SelectAll(ctx)
}

// serveHTTP serves h on a loopback port until the benchmark ends and
// returns the base URL.
func serveHTTP(tb testing.TB, h http.Handler) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String()
}

// httpClient returns stage 03's kit client of the server at base.
func httpClient(tb testing.TB, base string) todo.Service {
	tb.Helper()
	c, err := todohttp.NewClient(base)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// plainHandler is the baseline's HTTP handler over the stage 01 service on
// store, logging nowhere (it logs only internal errors anyway).
func plainHandler(store todo.Store) http.Handler {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	return baseline.NewHandler(todo.NewService(store, time.Now), "", quiet)
}

// kitHTTPHandler is the stage 03 server: service → endpoints → kit HTTP
// handler, with no middleware.
func kitHTTPHandler(store todo.Store, logger log.Logger) http.Handler {
	endpoints := todoendpoint.New(todo.NewService(store, time.Now))
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	return todohttp.NewHandler(endpoints, "", httptransport.ServerErrorHandler(errorLogger))
}

// onion is the stage 04 middleware around a service and its endpoints,
// built by the servers' own package onion. The rate limit is set so high
// that it never refuses: the limiter is still asked on every call.
type onion struct {
	endpoints todoendpoint.Endpoints
	logger    log.Logger
}

// newOnion wraps svc, the service on a store, in the stage 04 middleware.
// The log lines are formatted in full and written to io.Discard: the cost
// of logfmt is measured, not the cost of the terminal (BenchmarkMiddleware
// measures a file too).
func newOnion(tb testing.TB, svc todo.Service) onion {
	tb.Helper()
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(io.Discard)), "ts", log.DefaultTimestampUTC)
	cfg := mwonion.Config{RateLimit: 1e9, RateBurst: 1e9, BreakerFailures: 5, BreakerTimeout: 10 * time.Second}
	endpoints, err := mwonion.Endpoints(svc, cfg, logger, prometheus.NewRegistry())
	if err != nil {
		tb.Fatal(err)
	}
	return onion{endpoints: endpoints, logger: logger}
}

// grpcServer is the onion's gRPC server, as stage 05's todosvc serves it
// (todogrpc.NewGRPCServer: Recover, health and reflection beside the todo
// service; the last two cost nothing per call), with the server options
// opts.
func (o onion) grpcServer(opts ...grpc.ServerOption) *grpc.Server {
	return grpcOnly(todogrpc.NewGRPCServer(o.endpoints, o.logger, opts...))
}

// grpcOnly keeps the server of what todogrpc.NewGRPCServer returns: the
// benchmarks never stop it gracefully, so they need not its health.
func grpcOnly(s *grpc.Server, _ *health.Server) *grpc.Server { return s }

// plainGRPCServer is the baseline's gRPC server over the stage 01 service on
// store.
func plainGRPCServer(store todo.Store, opts ...grpc.ServerOption) *grpc.Server {
	api := baseline.NewGRPCServer(todo.NewService(store, time.Now), slog.New(slog.NewTextHandler(io.Discard, nil)))
	s := grpc.NewServer(append([]grpc.ServerOption{grpc.UnaryInterceptor(api.Recover)}, opts...)...)
	todov1.RegisterTodoServiceServer(s, api)
	return s
}

// serveGRPC serves s on a loopback port until the benchmark ends and
// returns stage 05's kit client of it, on a connection of its own.
func serveGRPC(tb testing.TB, s *grpc.Server) todo.Service {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go s.Serve(l)
	tb.Cleanup(s.Stop)
	conn, err := grpc.NewClient("passthrough:///"+l.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return todogrpc.NewClient(conn)
}

// httpHandler is the onion's HTTP handler, as stage 04's todosvc serves
// it, with the recovering transport middleware outside.
func (o onion) httpHandler() http.Handler {
	return mwonion.HTTPHandler(o.endpoints, "", o.logger)
}

// cpuMeter reports the CPU time the process used per iteration, as the
// metric "cpu-ns/op": unlike ns/op, it hardly moves when other programs
// load the machine, and for the transports it adds up client and server.
// Start it after the setup, stop it after the loop.
type cpuMeter struct {
	start time.Duration
	ok    bool
}

func startCPU() cpuMeter {
	start, ok := processCPU()
	return cpuMeter{start: start, ok: ok}
}

func (m cpuMeter) stop(b *testing.B) {
	end, ok := processCPU()
	if m.ok && ok && b.N > 0 {
		b.ReportMetric(float64(end-m.start)/float64(b.N), "cpu-ns/op")
	}
}
