package perf_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"google.golang.org/grpc"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// A server is one whole server under test, as the load tool sees it.
type server struct {
	name  string
	serve func(tb testing.TB, store todo.Store) todo.Service // a client of it
}

// servers are the servers BenchmarkServers compares. Over HTTP every server
// gets the same client, stage 03's, with a connection per caller kept alive;
// over gRPC stage 05's, on one connection that the callers share.
var servers = []server{
	{"plain-http", func(tb testing.TB, store todo.Store) todo.Service {
		return parallelHTTPClient(tb, serveHTTP(tb, plainHandler(store)))
	}},
	{"http", func(tb testing.TB, store todo.Store) todo.Service {
		return parallelHTTPClient(tb, serveHTTP(tb, kitHTTPHandler(store, log.NewNopLogger())))
	}},
	{"http+mw", func(tb testing.TB, store todo.Store) todo.Service {
		return parallelHTTPClient(tb, serveHTTP(tb, newOnion(tb, todo.NewService(store, time.Now)).httpHandler()))
	}},
	{"plain-grpc", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, plainGRPCServer(store))
	}},
	{"grpc", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, grpcOnly(todogrpc.NewGRPCServer(todoendpoint.New(todo.NewService(store, nil)), log.NewNopLogger())))
	}},
	{"grpc+mw", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, newOnion(tb, todo.NewService(store, time.Now)).grpcServer())
	}}, // The same two servers with a pool of 16 goroutines that serve the
	// streams (grpc.NumStreamWorkers): by default grpc-go starts a goroutine
	// per call, whose stack grows, by copying, as deep as the call goes; a
	// worker's stack stays grown. See PERFORMANCE.md, "Where the middleware's
	// time goes".
	{"plain-grpc+workers", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, plainGRPCServer(store, grpc.NumStreamWorkers(16)))
	}},
	{"grpc+mw+workers", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, newOnion(tb, todo.NewService(store, time.Now)).grpcServer(grpc.NumStreamWorkers(16)))
	}},
}

// parallelHTTPClient is stage 03's client with an http.Client that keeps a
// connection alive for each of the benchmark's callers (http.DefaultClient
// keeps 2, and would open and close the others all the time).
func parallelHTTPClient(tb testing.TB, base string) todo.Service {
	tb.Helper()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
	tb.Cleanup(hc.CloseIdleConnections)
	c, err := todohttp.NewClient(base, httptransport.SetClient(hc))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkServers is the side-by-side of the load tool in a benchmark: 16
// callers at once (b.SetParallelism(8) on 2 CPUs) against each whole server,
// so that ns/op is the inverse of the throughput of the machine, client
// included. Profile one of them with
//
//	go test -run '^$' -bench 'Servers/op=get/server=http$' -cpuprofile cpu.out
//	go tool pprof -top cpu.out
func BenchmarkServers(b *testing.B) {
	for _, op := range operations {
		for _, s := range servers {
			b.Run("op="+op.name+"/server="+s.name, func(b *testing.B) {
				store, ids := openStore(b)
				svc := s.serve(b, store)
				ctx := context.Background()
				var n atomic.Int64
				b.ReportAllocs()
				b.SetParallelism(8)
				b.ResetTimer()
				cpu := startCPU()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := op.do(ctx, svc, int(n.Add(1)), ids); err != nil {
							b.Errorf("%s on %s: %v", op.name, s.name, err)
							return
						}
					}
				})
				cpu.stop(b)
			})
		}
	}
}
