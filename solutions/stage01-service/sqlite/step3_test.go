package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
)

// Step 3: the partial update, in one statement (README, "Step 3").

// stored reads a todo back with Select, or ends the test: step 3 checks
// what Update left in the file, which needs step 2.
func stored(t *testing.T, store *sqlite.Store, id int64) todo.Todo {
	t.Helper()
	got, err := store.Select(context.Background(), id)
	if err != nil {
		t.Fatalf("step 3 reads the todo back with Select, which failed: store.Select(ctx, %d) = %v; finish step 2 first %s",
			id, err, stuck(2))
	}
	return got
}

func TestStep3UpdateChangesOnlyThePatchedFields(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	orig := mustInsert(t, store, todo.Todo{Title: "old", Order: 1, CreatedAt: at(1), UpdatedAt: at(1)})
	stored(t, store, orig.ID)

	got, err := store.Update(ctx, orig.ID, todo.Patch{Completed: new(true)}, at(5))
	if err != nil {
		t.Fatalf("step 3: store.Update(ctx, %d, {Completed: true}, t) = %v; want the updated todo %s", orig.ID, err, stuck(3))
	}
	want := orig
	want.Completed, want.UpdatedAt = true, at(5)
	if !todotest.Same(got, want) {
		t.Fatalf("step 3: Update with only Completed returned\n got  %+v\n want %+v\n"+
			"A nil field of the patch keeps the value in the row; updated_at takes the time given %s", got, want, stuck(3))
	}
	if s := stored(t, store, orig.ID); !todotest.Same(s, want) {
		t.Fatalf("step 3: after Update, Select returned\n got  %+v\n want %+v (what Update returned)\n"+
			"Update must return the row as it is saved %s", s, want, stuck(3))
	}

	got, err = store.Update(ctx, orig.ID, todo.Patch{Title: new("new"), Completed: new(false), Order: new(int64(-4))}, at(6))
	want.Title, want.Completed, want.Order, want.UpdatedAt = "new", false, -4, at(6)
	if err != nil || !todotest.Same(got, want) {
		t.Fatalf("step 3: Update with every field returned\n got  %+v (err %v)\n want %+v\n"+
			"Every field the patch gives replaces the stored one, false and negative numbers included %s", got, err, want, stuck(3))
	}
}

func TestStep3UpdateUnknownIDIsNotFound(t *testing.T) {
	store := newStore(t)
	saved := mustInsert(t, store, todo.Todo{Title: "the only one", CreatedAt: at(1), UpdatedAt: at(1)})
	stored(t, store, saved.ID)

	_, err := store.Update(context.Background(), 999, todo.Patch{Completed: new(true)}, at(2))
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: store.Update(ctx, 999, …), an id no row has, = %v\n"+
			"want an error that matches todo.ErrNotFound, as Select gives: an update that matches no row has nothing to return %s",
			err, stuck(3))
	}

	_, err = store.Update(cancelled(), saved.ID, todo.Patch{Completed: new(true)}, at(2))
	if !errors.Is(err, context.Canceled) || errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: store.Update with a cancelled context = %v\n"+
			"want an error that matches context.Canceled and not todo.ErrNotFound: the todo exists, the call failed %s",
			err, stuck(3))
	}
	if s := stored(t, store, saved.ID); !todotest.Same(s, saved) {
		t.Fatalf("step 3: after a cancelled Update, the todo is\n got  %+v\n want %+v (unchanged) %s", s, saved, stuck(3))
	}
}

// Another writer changes the title while Update (of completed only) runs.
// An Update that reads the row and then writes every column back puts the
// old title back: a lost update. One statement that keeps what is in the row
// where the patch has nothing cannot lose it.
func TestStep3UpdateKeepsAnotherWritersChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	store := openAt(t, path)
	ctx := context.Background()
	orig := mustInsert(t, store, todo.Todo{Title: "old title", CreatedAt: at(1), UpdatedAt: at(1)})
	stored(t, store, orig.ID)

	// The other writer takes the write lock and changes the title, not committed yet.
	other, err := rawDB(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, `UPDATE todos SET title = 'new title' WHERE id = ?`, orig.ID); err != nil {
		t.Fatal(err)
	}

	type result struct {
		todo todo.Todo
		err  error
	}
	done := make(chan result, 1)
	go func() {
		got, err := store.Update(ctx, orig.ID, todo.Patch{Completed: new(true)}, at(5))
		done <- result{got, err}
	}()
	time.Sleep(200 * time.Millisecond) // Update reads (if it does), then waits for the lock
	if _, err := other.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatalf("step 3: store.Update(ctx, %d, {Completed: true}, t) while another writer held the lock = %v\n"+
			"want the updated todo: the busy timeout of dsn makes it wait %s", orig.ID, r.err, stuck(3))
	}
	if s := stored(t, store, orig.ID); s.Title != "new title" || !s.Completed {
		t.Fatalf("step 3: another writer set the title to \"new title\" while Update set completed; now the todo has\n"+
			" title %q, completed %v\n want title \"new title\", completed true\n"+
			"The other writer's title was overwritten with the one the row held before: a lost update. "+
			"The user who renamed the todo sees the rename undone by a change that was only about completed %s",
			s.Title, s.Completed, stuck(3))
	}
}
