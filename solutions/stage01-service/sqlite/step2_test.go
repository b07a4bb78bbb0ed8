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

// Step 2: Select and Delete, and what "not found" is (README, "Step 2").

// newStore opens a Store on a new file in a temporary folder.
func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "todo.db"))
}

// at returns a fixed UTC time, so tests compare times exactly.
func at(minute int) time.Time {
	return time.Date(2026, 11, 25, 9, minute, 0, 123456789, time.UTC)
}

// mustInsert inserts a todo with the provided Insert or ends the test.
func mustInsert(t *testing.T, store *sqlite.Store, in todo.Todo) todo.Todo {
	t.Helper()
	saved, err := store.Insert(context.Background(), in)
	if err != nil {
		t.Fatalf("store.Insert(ctx, {Title: %q, …}) = %v; want the todo with its new ID.\n"+
			"Insert is provided: if it fails, the file is not right; finish step 1 first %s", in.Title, err, stuck(1))
	}
	return saved
}

// cancelled returns a context whose caller has already given up.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestStep2SelectReturnsWhatWasInserted(t *testing.T) {
	store := newStore(t)
	first := mustInsert(t, store, todo.Todo{Title: "Buy milk", Completed: true, Order: -1, CreatedAt: at(1), UpdatedAt: at(2)})
	second := mustInsert(t, store, todo.Todo{Title: "Walk the dog", Order: 3, CreatedAt: at(3), UpdatedAt: at(3)})

	for _, want := range []todo.Todo{first, second} {
		got, err := store.Select(context.Background(), want.ID)
		if err != nil {
			t.Fatalf("step 2: store.Select(ctx, %d) = %v; want the todo %q just inserted %s", want.ID, err, want.Title, stuck(2))
		}
		if !todotest.Same(got, want) {
			t.Fatalf("step 2: store.Select(ctx, %d) returned\n got  %+v\n want %+v\n"+
				"Select must read back every column as Insert wrote it (scanTodo reads them in the order of columns) %s",
				want.ID, got, want, stuck(2))
		}
	}
}

func TestStep2SelectUnknownIDIsNotFound(t *testing.T) {
	store := newStore(t)
	mustInsert(t, store, todo.Todo{Title: "the only one", CreatedAt: at(1), UpdatedAt: at(1)})

	_, err := store.Select(context.Background(), 999)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 2: store.Select(ctx, 999), an id no row has, = %v (code %q)\n"+
			"want an error that matches todo.ErrNotFound (code %q). No row is not a failure of the database: "+
			"it is the domain's not-found, which transports turn into 404 and NotFound, and which is never retried %s",
			err, todo.ErrorCode(err), todo.CodeNotFound, stuck(2))
	}
	if !strings.Contains(err.Error(), "999") {
		t.Fatalf("step 2: store.Select(ctx, 999) error is %q; want a message that names the id: users read it %s", err, stuck(2))
	}
}

func TestStep2DeleteRemovesOneTodo(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	gone := mustInsert(t, store, todo.Todo{Title: "gone", CreatedAt: at(1), UpdatedAt: at(1)})
	kept := mustInsert(t, store, todo.Todo{Title: "kept", CreatedAt: at(1), UpdatedAt: at(1)})

	if err := store.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("step 2: store.Delete(ctx, %d) = %v; want nil, the todo exists %s", gone.ID, err, stuck(2))
	}
	all, err := store.SelectAll(ctx)
	if err != nil || !todotest.SameList(all, []todo.Todo{kept}) {
		t.Fatalf("step 2: after Delete(ctx, %d), SelectAll holds %d todos (err %v); want only %q: delete the row with that id, and no other %s",
			gone.ID, len(all), err, kept.Title, stuck(2))
	}
	err = store.Delete(ctx, gone.ID)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 2: deleting id %d a second time = %v\n"+
			"want an error that matches todo.ErrNotFound: there is no such todo any more, and a caller "+
			"told otherwise believes it removed one (stage 03 would answer 204 instead of 404) %s", gone.ID, err, stuck(2))
	}
	if !strings.Contains(err.Error(), "not found") {
		t.Fatalf("step 2: deleting id %d a second time = %q; want the same not-found message as Select's %s", gone.ID, err, stuck(2))
	}
}

// A call that fails is not a todo that does not exist: the caller would tell
// the user the todo is gone, and nothing would ever retry it.
func TestStep2AFailedCallIsNotNotFound(t *testing.T) {
	store := newStore(t)
	saved := mustInsert(t, store, todo.Todo{Title: "one", CreatedAt: at(1), UpdatedAt: at(1)})
	if _, err := store.Select(context.Background(), saved.ID); err != nil {
		t.Fatalf("step 2: store.Select(ctx, %d) = %v; want the todo just inserted %s", saved.ID, err, stuck(2))
	}

	_, selectErr := store.Select(cancelled(), saved.ID)
	deleteErr := store.Delete(cancelled(), saved.ID)
	for _, c := range []struct {
		call string
		err  error
	}{{"Select", selectErr}, {"Delete", deleteErr}} {
		switch {
		case errors.Is(c.err, todo.ErrNotFound):
			t.Fatalf("step 2: store.%s(ctx, %d) with a cancelled context = %q, which matches todo.ErrNotFound;\n"+
				"want an internal error: the todo exists, the call failed. Only \"no such row\" is the domain's not-found %s",
				c.call, saved.ID, c.err, stuck(2))
		case !errors.Is(c.err, context.Canceled):
			t.Fatalf("step 2: store.%s(ctx, %d) with a cancelled context = %v\n"+
				"want an error that matches context.Canceled: the cause is not in the error, so the caller cannot tell "+
				"that its own cancellation stopped the call (either the query did not see the caller's context, "+
				"or its error lost the cause on the way) %s",
				c.call, saved.ID, c.err, stuck(2))
		case todo.ErrorCode(c.err) != todo.CodeInternal || todo.ErrorMessage(c.err) != "internal error":
			t.Fatalf("step 2: store.%s with a cancelled context has code %q and user message %q\n"+
				"want code %q and \"internal error\": a failure is not the caller's fault, and its details are for the log %s",
				c.call, todo.ErrorCode(c.err), todo.ErrorMessage(c.err), todo.CodeInternal, stuck(2))
		}
	}
	if got, err := store.Select(context.Background(), saved.ID); err != nil || !todotest.Same(got, saved) {
		t.Fatalf("step 2: after the cancelled calls, Select(ctx, %d) = %v; want the todo still there %s", saved.ID, err, stuck(2))
	}
}
