package perf_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// A layer is one rung of the ladder: it builds, on a seeded store, a
// todo.Service whose calls go through that layer and every layer below it.
type layer struct {
	name  string
	build func(tb testing.TB, store todo.Store) todo.Service
}

// layers are the rungs, from the store up. Every rung above "service"
// answers through the real code of its stage; the transports run a real
// server on 127.0.0.1 and call it with the stage's own kit client, so their
// figures are a whole round trip: client encode, loopback, server decode,
// everything below, and back. B/op and allocs/op count both sides: client
// and server share the process.
var layers = []layer{
	{"store", func(_ testing.TB, store todo.Store) todo.Service {
		return storeOnly{store: store}
	}},
	{"service", func(_ testing.TB, store todo.Store) todo.Service {
		return todo.NewService(store, nil)
	}},
	{"endpoint", func(_ testing.TB, store todo.Store) todo.Service {
		return todoendpoint.New(todo.NewService(store, nil))
	}},
	{"endpoint+mw", func(tb testing.TB, store todo.Store) todo.Service {
		return newOnion(tb, todo.NewService(store, time.Now)).endpoints
	}},
	{"http", func(tb testing.TB, store todo.Store) todo.Service {
		return httpClient(tb, serveHTTP(tb, kitHTTPHandler(store, log.NewNopLogger())))
	}},
	{"http+mw", func(tb testing.TB, store todo.Store) todo.Service {
		return httpClient(tb, serveHTTP(tb, newOnion(tb, todo.NewService(store, time.Now)).httpHandler()))
	}},
	{"plain-http", func(tb testing.TB, store todo.Store) todo.Service {
		return httpClient(tb, serveHTTP(tb, plainHandler(store)))
	}},
	{"grpc", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, grpcOnly(todogrpc.NewGRPCServer(todoendpoint.New(todo.NewService(store, nil)), log.NewNopLogger())))
	}},
	{"grpc+mw", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, newOnion(tb, todo.NewService(store, time.Now)).grpcServer())
	}},
	{"plain-grpc", func(tb testing.TB, store todo.Store) todo.Service {
		return serveGRPC(tb, plainGRPCServer(store))
	}},
}

// An operation is what one benchmark iteration does; i counts iterations and
// ids are the seeded todos.
type operation struct {
	name string
	do   func(ctx context.Context, svc todo.Service, i int, ids []int64) error
}

var operations = []operation{
	{"create", func(ctx context.Context, svc todo.Service, i int, _ []int64) error {
		_, err := svc.Create(ctx, "buy milk", int64(i))
		return err
	}},
	{"get", func(ctx context.Context, svc todo.Service, i int, ids []int64) error {
		_, err := svc.Get(ctx, ids[i%len(ids)])
		return err
	}},
	{"list100", func(ctx context.Context, svc todo.Service, _ int, _ []int64) error {
		todos, err := svc.List(ctx)
		if err == nil && len(todos) != seeded {
			return &wrongCount{got: len(todos)}
		}
		return err
	}},
}

// wrongCount is the error of a list that did not return the seeded todos.
type wrongCount struct{ got int }

func (e *wrongCount) Error() string {
	return fmt.Sprintf("list returned %d todos; want the %d seeded", e.got, seeded)
}

// BenchmarkLayers runs each operation through each layer, one call at a
// time, each sub-benchmark on its own new SQLite file. Compare the layers of
// one operation with
//
//	go test -run '^$' -bench Layers -count 6 | tee layers.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /layer layers.txt
func BenchmarkLayers(b *testing.B) {
	for _, op := range operations {
		for _, l := range layers {
			b.Run("op="+op.name+"/layer="+l.name, func(b *testing.B) {
				store, ids := openStore(b)
				svc := l.build(b, store)
				ctx := context.Background()
				b.ReportAllocs()
				cpu := startCPU()
				i := 0
				for b.Loop() {
					if err := op.do(ctx, svc, i, ids); err != nil {
						b.Fatalf("%s through %s: %v", op.name, l.name, err)
					}
					i++
				}
				cpu.stop(b)
			})
		}
	}
}
