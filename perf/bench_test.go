package perf_test

import (
	"context"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"

	"github.com/gokit-workshop/workshop/perf/internal/sqlitevariant"
)

// The benchmarks run only with -bench; these tests run every layer, server
// and store variant once, so that a change in a stage that breaks a
// benchmark fails go test at once.

func TestEveryLayerAndServerAnswers(t *testing.T) {
	rungs := append(append([]layer{}, layers...), serverLayers()...)
	for _, l := range rungs {
		t.Run(l.name, func(t *testing.T) {
			store, ids := openStore(t)
			svc := l.build(t, store)
			ctx := context.Background()
			for _, i := range []int{2, 0, 1} { // list first, while it holds the seeded todos only
				op := operations[i]
				if err := op.do(ctx, svc, 7, ids); err != nil {
					t.Fatalf("%s through %s: %v", op.name, l.name, err)
				}
			}
		})
	}
}

// serverLayers returns the servers of BenchmarkServers as layers.
func serverLayers() []layer {
	var out []layer
	for _, s := range servers {
		out = append(out, layer{"server " + s.name, s.serve})
	}
	return out
}

func TestVariantsBehaveLikeStage01(t *testing.T) {
	for _, c := range []sqlitevariant.Config{
		sqlitevariant.Stage01,
		{Journal: "DELETE", Synchronous: "FULL"},
		{Journal: "WAL", Synchronous: "OFF", MaxOpen: 2, MaxIdle: 2, Prepared: true, OneWriter: true},
	} {
		s, ids := openVariant(t, c)
		ctx := context.Background()
		created, err := s.Insert(ctx, newTodo(5))
		if err != nil {
			t.Fatalf("%+v: Insert = %v", c, err)
		}
		got, err := s.Select(ctx, created.ID)
		if err != nil || !todotest.Same(got, created) {
			t.Fatalf("%+v: Select(%d) = %+v, %v; want %+v", c, created.ID, got, err, created)
		}
		done, err := s.Complete(ctx, ids[0], true)
		if err != nil || !done.Completed {
			t.Fatalf("%+v: Complete(%d) = %+v, %v; want it completed", c, ids[0], done, err)
		}
		all, err := s.SelectAll(ctx)
		if err != nil || len(all) != seeded+1 {
			t.Fatalf("%+v: SelectAll = %d todos, %v; want %d", c, len(all), err, seeded+1)
		}
	}
}
