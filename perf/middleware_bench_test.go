package perf_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// fixed is a service that answers every Get at once with the same todo: no
// database, so that what BenchmarkMiddleware measures is the middleware
// alone.
type fixed struct{ todo.Service }

var fixedTodo = todo.Todo{ID: 42, Title: "buy milk", CreatedAt: time.Unix(1e9, 0).UTC(), UpdatedAt: time.Unix(1e9, 0).UTC()}

func (fixed) Get(context.Context, int64) (todo.Todo, error) { return fixedTodo, nil }

// BenchmarkMiddleware measures each piece of the stage 04 onion alone, and
// all of them together, around a Get that costs nothing: what each one adds
// to every request. "logging-file" writes its lines to a real file, as the
// server writes them to stderr; "logging" formats them in full and throws
// them away. callers=16 calls from 16 goroutines at once, as a loaded server
// does: middleware with shared state (a lock around the log writer, the
// breaker's and the limiter's mutexes, the metrics' atomic counters) costs
// more then.
func BenchmarkMiddleware(b *testing.B) {
	newMetrics := func(b *testing.B) todomw.Metrics {
		m, err := todomw.NewMetrics(prometheus.NewRegistry())
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	logfmt := func(w io.Writer) log.Logger {
		return log.With(log.NewLogfmtLogger(log.NewSyncWriter(w)), "ts", log.DefaultTimestampUTC, "layer", "service")
	}
	cases := []struct {
		name  string
		build func(b *testing.B) todo.Service
	}{
		{"none", func(*testing.B) todo.Service { return todoendpoint.New(fixed{}) }},
		{"logging", func(*testing.B) todo.Service {
			return todoendpoint.New(todomw.Logging(logfmt(io.Discard))(fixed{}))
		}},
		{"logging-file", func(b *testing.B) todo.Service {
			f, err := os.Create(filepath.Join(b.TempDir(), "log"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { f.Close() })
			return todoendpoint.New(todomw.Logging(logfmt(f))(fixed{}))
		}},
		{"instrumenting", func(b *testing.B) todo.Service {
			return todoendpoint.New(todomw.Instrumenting(newMetrics(b))(fixed{}))
		}},
		{"endpoint-duration", func(b *testing.B) todo.Service {
			return todoendpoint.New(fixed{}, todomw.EndpointDuration(newMetrics(b).EndpointDuration))
		}},
		{"rate-limit", func(*testing.B) todo.Service {
			return todoendpoint.New(fixed{}, todomw.RateLimit(rate.NewLimiter(rate.Limit(1e9), 1e9)))
		}},
		{"circuit-breaker", func(*testing.B) todo.Service {
			return todoendpoint.New(fixed{}, todomw.CircuitBreaker(5, 10*time.Second, log.NewNopLogger()))
		}},
		{"all", func(b *testing.B) todo.Service {
			return newOnion(b, fixed{}).endpoints
		}},
	}
	for _, callers := range []int{1, 16} {
		for _, c := range cases {
			b.Run(fmt.Sprintf("callers=%d/mw=%s", callers, c.name), func(b *testing.B) {
				svc := c.build(b)
				ctx := context.Background()
				b.ReportAllocs()
				cpu := startCPU()
				if callers == 1 {
					for b.Loop() {
						if _, err := svc.Get(ctx, 42); err != nil {
							b.Fatal(err)
						}
					}
				} else {
					b.SetParallelism(callers / runtime.GOMAXPROCS(0))
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if _, err := svc.Get(ctx, 42); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				cpu.stop(b)
			})
		}
	}
}
