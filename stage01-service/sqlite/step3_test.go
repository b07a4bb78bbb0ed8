package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gokit-workshop/workshop/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage01-service/todotest"
)

// Step 3: SelectAll, Update, Delete, DeleteAll (README, "Step 3").

func TestStep3SelectAllIsSortedByOrderThenID(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()

	empty, err := store.SelectAll(ctx)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Fatalf("step 3: SelectAll on a new file = %#v, %v; want an empty, non-nil slice (it becomes [] in JSON, not null)", empty, err)
	}

	b := mustInsert(t, store, todo.Todo{Title: "b", Order: 2, CreatedAt: at(1), UpdatedAt: at(1)})
	a := mustInsert(t, store, todo.Todo{Title: "a", Order: 1, CreatedAt: at(2), UpdatedAt: at(2)})
	c := mustInsert(t, store, todo.Todo{Title: "c", Order: 1, CreatedAt: at(3), UpdatedAt: at(3)})

	got, err := store.SelectAll(ctx)
	if err != nil {
		t.Fatalf("step 3: SelectAll = %v; want the three todos", err)
	}
	if want := []todo.Todo{a, c, b}; !todotest.SameList(got, want) {
		t.Fatalf("step 3: SelectAll = %+v\nwant %+v\n(ORDER BY sort_order, id)", got, want)
	}
}

func TestStep3UpdateChangesOnlyThePatchedFields(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	orig := mustInsert(t, store, todo.Todo{Title: "old", Order: 1, CreatedAt: at(1), UpdatedAt: at(1)})

	got, err := store.Update(ctx, orig.ID, todo.Patch{Completed: new(true)}, at(5))
	if err != nil {
		t.Fatalf("step 3: store.Update(ctx, %d, {Completed: true}, t) = %v; want the updated todo.\n"+
			"UPDATE … SET col = COALESCE(?, col), updated_at = ? WHERE id = ? RETURNING the columns", orig.ID, err)
	}
	want := orig
	want.Completed, want.UpdatedAt = true, at(5)
	if !todotest.Same(got, want) {
		t.Fatalf("step 3: Update with only Completed returned %+v\nwant %+v\n(a nil field keeps its value; updated_at takes the time given)", got, want)
	}

	got, err = store.Update(ctx, orig.ID, todo.Patch{Title: new("new"), Completed: new(false), Order: new(int64(-4))}, at(6))
	want.Title, want.Completed, want.Order, want.UpdatedAt = "new", false, -4, at(6)
	if err != nil || !todotest.Same(got, want) {
		t.Fatalf("step 3: Update with every field = %+v, %v\nwant %+v", got, err, want)
	}
	if stored, err := store.Select(ctx, orig.ID); err != nil || !todotest.Same(stored, want) {
		t.Fatalf("step 3: Select after Update = %+v, %v\nwant what Update returned: %+v", stored, err, want)
	}
}

func TestStep3UpdateUnknownIDIsNotFound(t *testing.T) {
	store := newStore(t)
	mustInsert(t, store, todo.Todo{Title: "the only one", CreatedAt: at(1), UpdatedAt: at(1)})

	_, err := store.Update(context.Background(), 999, todo.Patch{Completed: new(true)}, at(2))
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: store.Update(ctx, 999, …) = %v; want an error that matches todo.ErrNotFound.\n"+
			"An UPDATE … RETURNING that matches no row gives sql.ErrNoRows on Scan", err)
	}
}

func TestStep3DeleteRemovesOneTodo(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	gone := mustInsert(t, store, todo.Todo{Title: "gone", CreatedAt: at(1), UpdatedAt: at(1)})
	kept := mustInsert(t, store, todo.Todo{Title: "kept", CreatedAt: at(1), UpdatedAt: at(1)})

	if err := store.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("step 3: store.Delete(ctx, %d) = %v; want nil.\nDELETE FROM todos WHERE id = ?", gone.ID, err)
	}
	if _, err := store.Select(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: Select after Delete = %v; want todo.ErrNotFound", err)
	}
	if err := store.Delete(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: deleting id %d twice = %v; want todo.ErrNotFound the second time.\n"+
			"Check the result's RowsAffected: 0 rows means notFound(id)", gone.ID, err)
	}
	if all, err := store.SelectAll(ctx); err != nil || !todotest.SameList(all, []todo.Todo{kept}) {
		t.Fatalf("step 3: SelectAll after Delete = %+v, %v; want only %+v", all, err, kept)
	}
}

func TestStep3DeleteAllEmptiesTheTable(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	mustInsert(t, store, todo.Todo{Title: "one", CreatedAt: at(1), UpdatedAt: at(1)})
	mustInsert(t, store, todo.Todo{Title: "two", CreatedAt: at(1), UpdatedAt: at(1)})

	if err := store.DeleteAll(ctx); err != nil {
		t.Fatalf("step 3: store.DeleteAll(ctx) = %v; want nil.\nDELETE FROM todos", err)
	}
	if all, err := store.SelectAll(ctx); err != nil || all == nil || len(all) != 0 {
		t.Fatalf("step 3: SelectAll after DeleteAll = %+v, %v; want an empty, non-nil slice", all, err)
	}
}

func TestStep3CallsHonourTheContext(t *testing.T) {
	store := newStore(t)
	saved := mustInsert(t, store, todo.Todo{Title: "one", CreatedAt: at(1), UpdatedAt: at(1)})

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the caller gave up before the call

	_, selectAllErr := store.SelectAll(ctx)
	_, updateErr := store.Update(ctx, saved.ID, todo.Patch{Completed: new(true)}, at(2))
	deleteErr := store.Delete(ctx, saved.ID)
	deleteAllErr := store.DeleteAll(ctx)
	for _, c := range []struct {
		call string
		err  error
	}{{"SelectAll", selectAllErr}, {"Update", updateErr}, {"Delete", deleteErr}, {"DeleteAll", deleteAllErr}} {
		if !errors.Is(c.err, context.Canceled) {
			t.Fatalf("step 3: %s with a cancelled context = %v; want an error that matches context.Canceled.\n"+
				"Use the …Context methods (QueryContext, ExecContext, QueryRowContext) and wrap errors with %%w", c.call, c.err)
		}
	}
	if got, err := store.Select(context.Background(), saved.ID); err != nil || !todotest.Same(got, saved) {
		t.Fatalf("step 3: after cancelled calls, Select = %+v, %v; want the todo unchanged", got, err)
	}
}
