package todo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gokit-workshop/workshop/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage01-service/todotest"
)

// Step 5: everything together (README, "Step 5").

// TestStep5ServiceKeepsTheContract runs the contract suite that every later
// stage runs against its clients. If a scenario fails, its name says which
// rule to look at again.
func TestStep5ServiceKeepsTheContract(t *testing.T) {
	todotest.Run(t, todotest.NewService)
}

// TestStep5TwoHandlesShareOneFile writes through two Stores on one file at
// once, as two processes would (stage 06 runs three).
func TestStep5TwoHandlesShareOneFile(t *testing.T) {
	const perHandle = 50
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")

	var services []todo.Service
	for range 2 {
		store, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("step 5: sqlite.Open(ctx, %q) = %v; want a second handle on the same file (step 1)", path, err)
		}
		t.Cleanup(func() { store.Close() })
		services = append(services, todo.NewService(store, nil))
	}

	var wg sync.WaitGroup
	errs := make(chan error, 2*perHandle)
	for h, svc := range services {
		for i := range perHandle {
			wg.Go(func() {
				if _, err := svc.Create(ctx, fmt.Sprintf("handle %d, todo %d", h, i), int64(i)); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("step 5: a concurrent Create failed: %v.\n"+
			"\"database is locked\" means a writer gave up: dsn must set _journal_mode=WAL and _busy_timeout", err)
	}

	for h, svc := range services {
		list, err := svc.List(ctx)
		if err != nil || len(list) != 2*perHandle {
			t.Fatalf("step 5: handle %d lists %d todos (err %v); want all %d written through both handles", h, len(list), err, 2*perHandle)
		}
	}
}
