package todotest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/stage01-service/todo"
)

// Run runs every scenario of the contract as a subtest. newService must
// return a Service over a new, empty store each time it is called.
//
// The Service under test is the service itself or a client of it (endpoints,
// HTTP, gRPC, discovery). Every failure message starts with "contract:",
// says what was called, what came back and what was wanted, and what that
// rule means for a caller, so that it reads the same in every stage.
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

// domainError describes err for a message: its text and its code.
func domainError(err error) string {
	if err == nil {
		return "no error"
	}
	return fmt.Sprintf("%q (code %q)", err, todo.ErrorCode(err))
}

func createThenGet(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	created, err := svc.Create(ctx, "  Buy milk  ", 3)
	if err != nil {
		t.Fatalf(`contract: Create(ctx, "  Buy milk  ", 3) = %v; want a new todo`, err)
	}
	want := todo.Todo{ID: created.ID, Title: "Buy milk", Completed: false, Order: 3,
		CreatedAt: created.CreatedAt, UpdatedAt: created.CreatedAt}
	switch {
	case created.ID <= 0:
		t.Fatalf("contract: Create returned ID %d; want the positive ID the store gave the new todo "+
			"(an ID of 0 usually means a field was lost on the way back)", created.ID)
	case created.CreatedAt.IsZero():
		t.Fatalf("contract: Create returned a zero CreatedAt; want the time the service stamped " +
			"(a zero time usually means a field was lost on the way back)")
	case !Same(created, want):
		t.Fatalf("contract: Create(ctx, \"  Buy milk  \", 3) returned %s\n"+
			"A new todo has the trimmed title, is not completed, keeps its order, and has UpdatedAt equal to CreatedAt",
			diff(created, want))
	}
	got, err := svc.Get(ctx, created.ID)
	if err != nil {
		t.Fatalf("contract: Get(ctx, %d), the todo just created, = %v; want the todo", created.ID, err)
	}
	if d := diff(got, created); d != "" {
		t.Fatalf("contract: Get(ctx, %d) differs from what Create returned: %s\n"+
			"Every field must survive the trip, times to the nanosecond", created.ID, d)
	}
}

func listIsEmptyThenSorted(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	list, err := svc.List(ctx)
	switch {
	case err != nil:
		t.Fatalf("contract: List on a new, empty store = %v; want an empty list and no error", err)
	case list == nil:
		t.Fatalf("contract: List on a new, empty store returned a nil list; want an empty, non-nil one: " +
			"an empty list is [] in JSON, and a client must not turn it into null")
	case len(list) != 0:
		t.Fatalf("contract: List on a new, empty store returned %d todos %v; want none", len(list), titles(list))
	}
	b := mustCreate(t, svc, "b", 2)
	a := mustCreate(t, svc, "a", 1)
	c := mustCreate(t, svc, "c", 1)
	list, err = svc.List(ctx)
	if err != nil {
		t.Fatalf("contract: List of three todos = %v; want the three todos", err)
	}
	if want := []todo.Todo{a, c, b}; !SameList(list, want) {
		if len(list) == len(want) && slices.Equal(titles(list), titles(want)) {
			for i := range list {
				if d := diff(list[i], want[i]); d != "" {
					t.Fatalf("contract: List returned the todos in the right order, but todo %q differs from what Create returned: %s",
						want[i].Title, d)
				}
			}
		}
		t.Fatalf("contract: after creating b (order 2), a (order 1), c (order 1), List = %v; want %v\n"+
			"A list is sorted by order, then by ID (the order of creation)", titles(list), titles(want))
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
		{todo.Patch{Title: new(" walk the cat ")}, `the title alone (" walk the cat ")`, func(t *todo.Todo) { t.Title = "walk the cat" }},
		{todo.Patch{Completed: new(true)}, "completed alone (true)", func(t *todo.Todo) { t.Completed = true }},
		{todo.Patch{Order: new(int64(-2))}, "the order alone (-2)", func(t *todo.Todo) { t.Order = -2 }},
		{todo.Patch{Title: new("feed the fish"), Completed: new(false), Order: new(int64(9))}, `all three ("feed the fish", false, 9)`,
			func(t *todo.Todo) { t.Title, t.Completed, t.Order = "feed the fish", false, 9 }},
	}
	want := orig
	for _, step := range steps {
		got, err := svc.Update(ctx, orig.ID, step.patch)
		if err != nil {
			t.Fatalf("contract: Update(ctx, %d) of %s = %v; want the updated todo", orig.ID, step.what, err)
		}
		step.apply(&want)
		want.UpdatedAt = got.UpdatedAt
		if d := diff(got, want); d != "" {
			t.Fatalf("contract: Update(ctx, %d) of %s returned %s\n"+
				"A patch changes the fields it gives and only those: a field it leaves out is not zeroed "+
				"(false and 0 are values to send, absent is not)", orig.ID, step.what, d)
		}
		if got.UpdatedAt.Before(got.CreatedAt) {
			t.Fatalf("contract: Update(ctx, %d) of %s returned UpdatedAt %v, before CreatedAt %v; want UpdatedAt moved on to the time of the update",
				orig.ID, step.what, got.UpdatedAt, got.CreatedAt)
		}
		if d := diff(mustGet(t, svc, orig.ID), got); d != "" {
			t.Fatalf("contract: after Update(ctx, %d) of %s, Get differs from what Update returned: %s\n"+
				"Update returns the todo as it is stored, and Get returns the same, every field to the nanosecond", orig.ID, step.what, d)
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
			t.Fatalf("contract: %s(ctx, %d), an id no todo has, = %s\n"+
				"want an error that matches todo.ErrNotFound (code %q). The not-found must reach the caller as itself "+
				"through every layer, so that callers can tell \"no such todo\" from a failure and never retry it",
				call, id, domainError(err), todo.CodeNotFound)
		}
		if !strings.Contains(err.Error(), "4242") {
			t.Fatalf("contract: %s(ctx, %d) = %q; want the service's message, which names the id: "+
				"a user reads it, so it must arrive as the service wrote it", call, id, err)
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
	// A title the user cannot see (zero-width spaces) is empty; one with a
	// control character (a NUL) is not one line of text.
	for _, title := range []string{"", " \t\n ", long, "\u200b\u200b", "milk\x00"} {
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
			t.Fatalf("contract: %s = %s\n"+
				"want an error that matches todo.ErrInvalid (code %q). The caller sent what the rules refuse: "+
				"that must reach the caller as itself through every layer, not as a failure", call, domainError(err), todo.CodeInvalid)
		}
		if err.Error() == "" || err.Error() == "internal error" {
			t.Fatalf("contract: %s = %q; want the service's message, which tells the user what to fix: "+
				"a domain error's message is safe to show and must arrive as the service wrote it", call, err)
		}
	}
	list, err := svc.List(ctx)
	if err != nil || !SameList(list, []todo.Todo{kept}) {
		t.Fatalf("contract: after refused input, List = %v (err %v); want only %q, unchanged: bad input stores nothing",
			titles(list), err, kept.Title)
	}
}

func deleteOne(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	gone := mustCreate(t, svc, "gone", 0)
	kept := mustCreate(t, svc, "kept", 0)
	if err := svc.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("contract: Delete(ctx, %d), a todo that exists, = %v; want no error", gone.ID, err)
	}
	if _, err := svc.Get(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("contract: Get(ctx, %d) after Delete = %s; want todo.ErrNotFound: a deleted todo is gone", gone.ID, domainError(err))
	}
	if err := svc.Delete(ctx, gone.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("contract: Delete(ctx, %d) a second time = %s; want todo.ErrNotFound: there is no such todo any more",
			gone.ID, domainError(err))
	}
	if list, err := svc.List(ctx); err != nil || !SameList(list, []todo.Todo{kept}) {
		t.Fatalf("contract: List after deleting %q = %v (err %v); want only %q: Delete removes one todo and no other",
			gone.Title, titles(list), err, kept.Title)
	}
}

func deleteAll(t *testing.T, svc todo.Service) {
	ctx := context.Background()
	mustCreate(t, svc, "one", 0)
	mustCreate(t, svc, "two", 0)
	if err := svc.DeleteAll(ctx); err != nil {
		t.Fatalf("contract: DeleteAll of two todos = %v; want no error", err)
	}
	if list, err := svc.List(ctx); err != nil || list == nil || len(list) != 0 {
		t.Fatalf("contract: List after DeleteAll = %v (a nil list: %v, err %v); want an empty, non-nil list: "+
			"DeleteAll removes every todo, and an empty list is [] in JSON, not null", titles(list), list == nil, err)
	}
	if err := svc.DeleteAll(ctx); err != nil {
		t.Fatalf("contract: DeleteAll of an empty list = %v; want no error: there is nothing to remove, and that is not a failure", err)
	}
}
