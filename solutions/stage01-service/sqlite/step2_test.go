package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
)

// Step 2: Insert and Select (README, "Step 2").

// newStore opens a Store on a new file in a temporary folder.
func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "todo.db"))
}

// at returns a fixed UTC time, so tests compare times exactly.
func at(minute int) time.Time {
	return time.Date(2026, 11, 25, 9, minute, 0, 123456789, time.UTC)
}

// mustInsert inserts a todo or ends the test with the step 2 hint.
func mustInsert(t *testing.T, store *sqlite.Store, in todo.Todo) todo.Todo {
	t.Helper()
	saved, err := store.Insert(context.Background(), in)
	if err != nil {
		t.Fatalf("step 2: store.Insert(ctx, {Title: %q, …}) = %v\n"+
			"want the todo with its new ID. Do step 2: INSERT … RETURNING the columns, then scanTodo", in.Title, err)
	}
	return saved
}

func TestStep2InsertReturnsTheTodoWithAnID(t *testing.T) {
	store := newStore(t)
	in := todo.Todo{Title: "Buy milk", Completed: true, Order: 7, CreatedAt: at(1), UpdatedAt: at(2)}

	first := mustInsert(t, store, in)
	second := mustInsert(t, store, in)

	if first.ID <= 0 || second.ID <= first.ID {
		t.Fatalf("step 2: Insert gave IDs %d then %d; want positive, increasing IDs from the database", first.ID, second.ID)
	}
	want := in
	want.ID = first.ID
	if !todotest.Same(first, want) {
		t.Fatalf("step 2: Insert returned %+v\nwant %+v\n(every field as given, the ID from the database)", first, want)
	}
}

func TestStep2SelectReturnsWhatWasInserted(t *testing.T) {
	store := newStore(t)
	saved := mustInsert(t, store, todo.Todo{Title: "Buy milk", Order: -1, CreatedAt: at(1), UpdatedAt: at(1)})

	got, err := store.Select(context.Background(), saved.ID)
	if err != nil {
		t.Fatalf("step 2: store.Select(ctx, %d) = %v; want the todo just inserted.\n"+
			"SELECT the columns FROM todos WHERE id = ?, then scanTodo", saved.ID, err)
	}
	if !todotest.Same(got, saved) {
		t.Fatalf("step 2: Select returned %+v\nwant %+v", got, saved)
	}
}

func TestStep2SelectUnknownIDIsNotFound(t *testing.T) {
	store := newStore(t)
	mustInsert(t, store, todo.Todo{Title: "the only one", CreatedAt: at(1), UpdatedAt: at(1)})

	_, err := store.Select(context.Background(), 999)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 2: store.Select(ctx, 999) = %v; want an error that matches todo.ErrNotFound.\n"+
			"When Scan returns sql.ErrNoRows, return notFound(id)", err)
	}
	if !strings.Contains(err.Error(), "999") {
		t.Fatalf("step 2: Select(ctx, 999) error is %q; want a message naming the id (notFound(id) does that)", err)
	}
}
