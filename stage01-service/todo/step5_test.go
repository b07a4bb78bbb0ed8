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

// needStep4 ends the test unless the service's own methods work, so that a
// step 5 failure is about the whole, not a missing step.
func needStep4(t *testing.T) {
	t.Helper()
	svc, _ := newService(t)
	ctx := context.Background()
	created, err := svc.Create(ctx, "probe", 0)
	if err != nil {
		t.Fatalf("step 5 needs the service: svc.Create = %v; finish step 4 first %s", err, stuck(4))
	}
	if _, err := svc.Update(ctx, created.ID, todo.Patch{Completed: new(true)}); err != nil {
		t.Fatalf("step 5 needs the service: svc.Update = %v; finish step 4 first %s", err, stuck(4))
	}
}

// TestStep5ServiceKeepsTheContract runs the contract suite that every later
// stage runs against its clients. If a scenario fails, its name and message
// say which rule to look at again.
func TestStep5ServiceKeepsTheContract(t *testing.T) {
	needStep4(t)
	todotest.Run(t, todotest.NewService)
}

// TestStep5TwoHandlesShareOneFile writes through two Stores on one file at
// once, as two processes would (stage 06 runs three).
func TestStep5TwoHandlesShareOneFile(t *testing.T) {
	const perHandle = 50
	needStep4(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")

	var services []todo.Service
	for range 2 {
		store, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("step 5: sqlite.Open(ctx, %q) = %v; want a second handle on the same file %s", path, err, stuck(1))
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
		t.Fatalf("step 5: one of %d Creates at once through two handles on one file failed: %v\n"+
			"want every one to succeed. \"database is locked\" means a writer gave up waiting for the lock: "+
			"every connection needs the settings of dsn (WAL, busy timeout, immediate transactions) %s", 2*perHandle, err, stuck(1))
	}

	for h, svc := range services {
		list, err := svc.List(ctx)
		if err != nil || len(list) != 2*perHandle {
			t.Fatalf("step 5: handle %d lists %d todos (err %v); want all %d written through both handles %s", h, len(list), err, 2*perHandle, stuck(5))
		}
	}
}
