package perf_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"

	"github.com/gokit-workshop/workshop/perf/internal/sqlitevariant"
)

// The SQLite benchmarks weigh each setting of stage 01's store against its
// alternatives, on the store alone. PERFORMANCE.md says what each one
// trades away in durability.

// store is what the SQLite benchmarks call: the stage 01 Store and the
// variant both have these methods.
type store interface {
	Insert(ctx context.Context, t todo.Todo) (todo.Todo, error)
	Select(ctx context.Context, id int64) (todo.Todo, error)
	SelectAll(ctx context.Context) ([]todo.Todo, error)
}

// openVariant opens a seeded file (see seedFile) with the settings c and
// checks that the journal mode took effect.
func openVariant(tb testing.TB, c sqlitevariant.Config) (*sqlitevariant.Store, []int64) {
	tb.Helper()
	path, ids := seedFile(tb)
	ctx := context.Background()
	s, err := sqlitevariant.Open(ctx, path, c)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if mode, err := s.JournalMode(ctx); err != nil || !strings.EqualFold(mode, c.Journal) {
		tb.Fatalf("journal mode is %q (%v); want %s", mode, err, c.Journal)
	}
	return s, ids
}

// newTodo is the todo every create benchmark inserts.
func newTodo(i int) todo.Todo {
	now := time.Now().UTC()
	return todo.Todo{Title: "buy milk", Order: int64(i), CreatedAt: now, UpdatedAt: now}
}

// storeOps are the store calls of the serial SQLite benchmarks.
var storeOps = []struct {
	name string
	do   func(ctx context.Context, s store, i int, ids []int64) error
}{
	{"create", func(ctx context.Context, s store, i int, _ []int64) error {
		_, err := s.Insert(ctx, newTodo(i))
		return err
	}},
	{"get", func(ctx context.Context, s store, i int, ids []int64) error {
		_, err := s.Select(ctx, ids[i%len(ids)])
		return err
	}},
	{"list100", func(ctx context.Context, s store, _ int, _ []int64) error {
		_, err := s.SelectAll(ctx)
		return err
	}},
}

// runSerial runs op on s, one call at a time.
func runSerial(b *testing.B, s store, ids []int64, do func(context.Context, store, int, []int64) error) {
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := do(ctx, s, i, ids); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSQLiteDurability weighs the journal mode and the synchronous
// level: what a commit costs, and what a read costs, for each. stage01 is
// the workshop's Store itself; wal-normal is the variant with the same
// settings, which should measure the same (it checks the variant).
func BenchmarkSQLiteDurability(b *testing.B) {
	configs := []struct {
		name string
		c    sqlitevariant.Config
	}{
		{"delete-full", sqlitevariant.Config{Journal: "DELETE", Synchronous: "FULL"}}, // SQLite's defaults
		{"delete-normal", sqlitevariant.Config{Journal: "DELETE", Synchronous: "NORMAL"}},
		{"wal-full", sqlitevariant.Config{Journal: "WAL", Synchronous: "FULL"}},
		{"wal-normal", sqlitevariant.Stage01},
		{"wal-off", sqlitevariant.Config{Journal: "WAL", Synchronous: "OFF"}},
	}
	for _, op := range storeOps[:2] {
		b.Run("op="+op.name+"/cfg=stage01", func(b *testing.B) {
			s, ids := openStore(b)
			runSerial(b, s, ids, op.do)
		})
		for _, c := range configs {
			b.Run("op="+op.name+"/cfg="+c.name, func(b *testing.B) {
				s, ids := openVariant(b, c.c)
				runSerial(b, s, ids, op.do)
			})
		}
	}
}

// BenchmarkSQLitePrepared weighs preparing each query once against
// preparing it on every call, as stage 01 does (database/sql with
// go-sqlite3 prepares and finalizes a statement for each QueryRowContext).
func BenchmarkSQLitePrepared(b *testing.B) {
	for _, op := range storeOps {
		for _, prepared := range []bool{false, true} {
			name := map[bool]string{false: "adhoc", true: "prepared"}[prepared]
			b.Run("op="+op.name+"/stmt="+name, func(b *testing.B) {
				c := sqlitevariant.Stage01
				c.Prepared = prepared
				s, ids := openVariant(b, c)
				runSerial(b, s, ids, op.do)
			})
		}
	}
}

// BenchmarkSQLitePool weighs the connection pool under 16 concurrent
// callers (b.SetParallelism(8) on 2 CPUs), as a server under load has them:
// "create" writes only, "mixed" is 8 gets, 1 update and 1 list of the 100
// todos in every 10 calls. Besides ns/op (the inverse of throughput) it
// reports the p50 and p99 latency of single calls. "+writer1" sends writes
// through a second pool of one connection (see sqlitevariant.Config).
func BenchmarkSQLitePool(b *testing.B) {
	configs := []struct {
		name string
		c    sqlitevariant.Config
	}{
		{"stage01", sqlitevariant.Stage01}, // no limit, 2 idle
		{"open1", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 1, MaxIdle: 1}},
		{"open2", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 2, MaxIdle: 2}},
		{"open4", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 4, MaxIdle: 4}},
		{"open16", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 16, MaxIdle: 16}},
		{"idle16", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxIdle: 16}},
		{"open2+writer1", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 2, MaxIdle: 2, OneWriter: true}},
		{"open4+writer1", sqlitevariant.Config{Journal: "WAL", Synchronous: "NORMAL", MaxOpen: 4, MaxIdle: 4, OneWriter: true}},
	}
	mixes := []struct {
		name string
		do   func(ctx context.Context, s store, i int, ids []int64) error
	}{
		{"create", storeOps[0].do},
		{"mixed", func(ctx context.Context, s store, i int, ids []int64) error {
			switch i % 10 {
			case 0:
				_, err := s.(*sqlitevariant.Store).Complete(ctx, ids[i%len(ids)], i%20 == 0)
				return err
			case 5:
				return storeOps[2].do(ctx, s, i, ids)
			}
			return storeOps[1].do(ctx, s, i, ids)
		}},
	}
	for _, mix := range mixes {
		for _, c := range configs {
			b.Run("op="+mix.name+"/pool="+c.name, func(b *testing.B) {
				s, ids := openVariant(b, c.c)
				runParallel(b, s, ids, mix.do)
			})
		}
	}
}

// runParallel runs do from 16 goroutines and reports the p50 and p99 of
// single calls.
func runParallel(b *testing.B, s store, ids []int64, do func(context.Context, store, int, []int64) error) {
	var (
		mu        sync.Mutex
		latencies []time.Duration
	)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		i := 0
		for pb.Next() {
			start := time.Now()
			if err := do(ctx, s, i, ids); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
			i++
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	at := func(q float64) float64 { return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}
