package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
)

// Tests of the provided methods: Insert, SelectAll and DeleteAll. They pass
// as soon as step 1 does; read store.go to see how they are written.

func TestProvidedInsertReturnsTheTodoWithAnID(t *testing.T) {
	store := newStore(t)
	in := todo.Todo{Title: "Buy milk", Completed: true, Order: 7, CreatedAt: at(1), UpdatedAt: at(2)}

	first := mustInsert(t, store, in)
	second := mustInsert(t, store, in)
	if first.ID <= 0 || second.ID <= first.ID {
		t.Fatalf("Insert gave IDs %d then %d; want positive, increasing IDs from the database", first.ID, second.ID)
	}
	want := in
	want.ID = first.ID
	if !todotest.Same(first, want) {
		t.Fatalf("Insert returned\n got  %+v\n want %+v\n(every field as given, the ID from the database)", first, want)
	}
}

func TestProvidedSelectAllIsSortedByOrderThenID(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()

	empty, err := store.SelectAll(ctx)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Fatalf("SelectAll on a new file = %#v, %v; want an empty, non-nil slice (it becomes [] in JSON, not null)", empty, err)
	}
	b := mustInsert(t, store, todo.Todo{Title: "b", Order: 2, CreatedAt: at(1), UpdatedAt: at(1)})
	a := mustInsert(t, store, todo.Todo{Title: "a", Order: 1, CreatedAt: at(2), UpdatedAt: at(2)})
	c := mustInsert(t, store, todo.Todo{Title: "c", Order: 1, CreatedAt: at(3), UpdatedAt: at(3)})

	got, err := store.SelectAll(ctx)
	if want := []todo.Todo{a, c, b}; err != nil || !todotest.SameList(got, want) {
		t.Fatalf("SelectAll = %d todos (err %v); want a, c, b: sorted by order, then id", len(got), err)
	}
}

func TestProvidedDeleteAllEmptiesTheTable(t *testing.T) {
	store := newStore(t)
	ctx := context.Background()
	mustInsert(t, store, todo.Todo{Title: "one", CreatedAt: at(1), UpdatedAt: at(1)})
	mustInsert(t, store, todo.Todo{Title: "two", CreatedAt: at(1), UpdatedAt: at(1)})

	if err := store.DeleteAll(ctx); err != nil {
		t.Fatalf("DeleteAll = %v; want nil", err)
	}
	if all, err := store.SelectAll(ctx); err != nil || all == nil || len(all) != 0 {
		t.Fatalf("SelectAll after DeleteAll = %d todos, %v; want an empty, non-nil slice", len(all), err)
	}
}

func TestProvidedCallsHonourTheContext(t *testing.T) {
	store := newStore(t)
	_, insertErr := store.Insert(cancelled(), todo.Todo{Title: "one", CreatedAt: at(1), UpdatedAt: at(1)})
	_, selectAllErr := store.SelectAll(cancelled())
	deleteAllErr := store.DeleteAll(cancelled())
	for _, c := range []struct {
		call string
		err  error
	}{{"Insert", insertErr}, {"SelectAll", selectAllErr}, {"DeleteAll", deleteAllErr}} {
		if !errors.Is(c.err, context.Canceled) {
			t.Fatalf("%s with a cancelled context = %v; want an error that matches context.Canceled", c.call, c.err)
		}
	}
}
