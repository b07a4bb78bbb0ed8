package todotest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// NewStore opens a Store on a new SQLite file in t.TempDir() and closes it
// when the test ends.
func NewStore(t *testing.T) *sqlite.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "todo.db")
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(ctx, %q) = %v; want a Store on a new file: every test of the service needs it.\n"+
			"Open is stage 01, step 1 (stuck? go run ../workshop hint stage01 1)", path, err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// NewService returns the Service on a new, empty SQLite file, with the real
// clock: the starting point of every stage's tests.
func NewService(t *testing.T) todo.Service {
	t.Helper()
	return todo.NewService(NewStore(t), nil)
}
