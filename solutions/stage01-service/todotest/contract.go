package todotest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Run runs every scenario of the contract as a subtest. newService must
// return a Service over a new, empty store each time it is called.
func Run(t *testing.T, newService func(t *testing.T) todo.Service) {
	scenarios := []struct {
		name string
		run  func(t *testing.T, svc todo.Service)
	}{
		{"CreateThenGet", createThenGet},
		{"ListIsEmptyThenSorted", listIsEmptyThenSorted},
		{"UpdateChangesOnlyWhatItIsGiven", updateChangesOnlyWhatItIsGiven},
		{"UnknownIDIsNotFound", unknownIDIsNotFound},
		{"BadInputIsInvalidAndChangesNothing", badInputIsInvalidAndChangesNothing},
		{"DeleteOne", deleteOne},
		{"DeleteAll", deleteAll},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			sc.run(t, newService(t))
		})
	}
}

func createThenGet(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	created, err := svc.Create(ctx, "  Buy milk  ", 3)
	if err != nil {
		t.Fatalf(`Create(ctx, "  Buy milk  ", 3) = %v; want a new todo`, err)
	}
	want := todo.Todo{ID: created.ID, Title: "Buy milk", Completed: false, Order: 3,
		CreatedAt: created.CreatedAt, UpdatedAt: created.CreatedAt}
	if created.ID <= 0 || created.CreatedAt.IsZero() || !Same(created, want) {
		t.Fatalf("Create returned %+v; want a positive ID, a trimmed title, not completed, order 3, CreatedAt set and UpdatedAt equal to it", created)
	}
	got, err := svc.Get(ctx, created.ID)
	if err != nil {
		t.Fatalf("Get(ctx, %d) = %v; want the todo just created", created.ID, err)
	}
	if !Same(got, created) {
		t.Fatalf("Get(ctx, %d) = %+v; want what Create returned: %+v", created.ID, got, created)
	}
}

func listIsEmptyThenSorted(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	list, err := svc.List(ctx)
	if err != nil || list == nil || len(list) != 0 {
		t.Fatalf("List on a new store = %v, %v; want an empty, non-nil list", list, err)
	}
	b := mustCreate(t, svc, "b", 2)
	a := mustCreate(t, svc, "a", 1)
	c := mustCreate(t, svc, "c", 1)
	list, err = svc.List(ctx)
	if err != nil {
		t.Fatalf("List = %v; want the three todos", err)
	}
	if want := []todo.Todo{a, c, b}; !SameList(list, want) {
		t.Fatalf("List = %v; want %v (sorted by Order, then by ID)", titles(list), titles(want))
	}
}

func updateChangesOnlyWhatItIsGiven(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	orig := mustCreate(t, svc, "walk the dog", 5)

	steps := []struct {
		patch todo.Patch
		what  string
		apply func(*todo.Todo)
	}{
		{todo.Patch{Title: new(" walk the cat ")}, "title alone", func(t *todo.Todo) { t.Title = "walk the cat" }},
		{todo.Patch{Completed: new(true)}, "completed alone", func(t *todo.Todo) { t.Completed = true }},
		{todo.Patch{Order: new(int64(-2))}, "order alone", func(t *todo.Todo) { t.Order = -2 }},
		{todo.Patch{Title: new("feed the fish"), Completed: new(false), Order: new(int64(9))}, "all three",
			func(t *todo.Todo) { t.Title, t.Completed, t.Order = "feed the fish", false, 9 }},
	}
	want := orig
	for _, step := range steps {
		got, err := svc.Update(ctx, orig.ID, step.patch)
		if err != nil {
			t.Fatalf("Update(%s) = %v; want the updated todo", step.what, err)
		}
		step.apply(&want)
		want.UpdatedAt = got.UpdatedAt
		if !Same(got, want) {
			t.Fatalf("Update(%s) returned %+v; want %+v", step.what, got, want)
		}
		if got.UpdatedAt.Before(got.CreatedAt) {
			t.Fatalf("Update(%s): UpdatedAt %v is before CreatedAt %v", step.what, got.UpdatedAt, got.CreatedAt)
		}
		if stored := mustGet(t, svc, orig.ID); !Same(stored, got) {
			t.Fatalf("after Update(%s), Get = %+v; want what Update returned: %+v", step.what, stored, got)
		}
	}
}

func unknownIDIsNotFound(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	const id = 4242
	_, getErr := svc.Get(ctx, id)
	_, updateErr := svc.Update(ctx, id, todo.Patch{Completed: new(true)})
	deleteErr := svc.Delete(ctx, id)
	for _, c := range []struct {
		call string
		err  error
	}{{"Get", getErr}, {"Update", updateErr}, {"Delete", deleteErr}} {
		call, err := c.call, c.err
		if !errors.Is(err, todo.ErrNotFound) {
			t.Fatalf("%s(ctx, %d) = %v; want an error that matches todo.ErrNotFound", call, id, err)
		}
		if !strings.Contains(err.Error(), "4242") {
			t.Fatalf("%s(ctx, %d) = %q; want a message that names the id", call, id, err)
		}
	}
}

func badInputIsInvalidAndChangesNothing(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	kept := mustCreate(t, svc, "keep me", 1)
	long := strings.Repeat("x", todo.MaxTitleLength+1)

	type attempt struct {
		call string
		err  error
	}
	var attempts []attempt
	for _, title := range []string{"", " \t\n ", long} {
		_, err := svc.Create(ctx, title, 0)
		attempts = append(attempts, attempt{fmt.Sprintf("Create(ctx, %.20q…, 0)", title), err})
		_, err = svc.Update(ctx, kept.ID, todo.Patch{Title: new(title)})
		attempts = append(attempts, attempt{fmt.Sprintf("Update(ctx, %d, {Title: %.20q…})", kept.ID, title), err})
	}
	_, err := svc.Update(ctx, kept.ID, todo.Patch{})
	attempts = append(attempts, attempt{fmt.Sprintf("Update(ctx, %d, {}) with nothing to change", kept.ID), err})
	for _, a := range attempts {
		call, err := a.call, a.err
		if !errors.Is(err, todo.ErrInvalid) {
			t.Fatalf("%s = %v; want an error that matches todo.ErrInvalid", call, err)
		}
		if err.Error() == "" || err.Error() == "internal error" {
			t.Fatalf("%s = %q; want a message that tells the user what is wrong", call, err)
		}
	}
	list, err := svc.List(ctx)
	if err != nil || !SameList(list, []todo.Todo{kept}) {
		t.Fatalf("after bad input, List = %v, %v; want only %q, unchanged", titles(list), err, kept.Title)
	}
}

func deleteOne(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	gone := mustCreate(t, svc, "gone", 0)
	kept := mustCreate(t, svc, "kept", 0)
	if err := svc.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("Delete(ctx, %d) = %v; want nil", gone.ID, err)
	}
	if _, err := svc.Get(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("Get after Delete = %v; want todo.ErrNotFound", err)
	}
	if err := svc.Delete(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("Delete twice = %v; want todo.ErrNotFound the second time", err)
	}
	if list, err := svc.List(ctx); err != nil || !SameList(list, []todo.Todo{kept}) {
		t.Fatalf("List after Delete = %v, %v; want only %q", titles(list), err, kept.Title)
	}
}

func deleteAll(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	mustCreate(t, svc, "one", 0)
	mustCreate(t, svc, "two", 0)
	if err := svc.DeleteAll(ctx); err != nil {
		t.Fatalf("DeleteAll = %v; want nil", err)
	}
	if list, err := svc.List(ctx); err != nil || list == nil || len(list) != 0 {
		t.Fatalf("List after DeleteAll = %v, %v; want an empty, non-nil list", titles(list), err)
	}
	if err := svc.DeleteAll(ctx); err != nil {
		t.Fatalf("DeleteAll on an empty list = %v; want nil", err)
	}
}
