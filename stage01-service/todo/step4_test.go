package todo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage01-service/todotest"
)

// Step 4: the service rules (README, "Step 4").

// clock is a fake time source: each call returns a time one second later.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time {
	c.now = c.now.Add(time.Second)
	return c.now
}

// newService returns the service over a new SQLite file, with a fake clock.
func newService(t *testing.T) (todo.Service, *clock) {
	t.Helper()
	c := &clock{now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	return todo.NewService(todotest.NewStore(t), c.Now), c
}

func TestStep4CreateTrimsTheTitleAndStartsNotCompleted(t *testing.T) {
	svc, c := newService(t)

	got, err := svc.Create(context.Background(), "  Buy milk\t", 3)
	if err != nil {
		t.Fatalf("step 4: svc.Create(ctx, \"  Buy milk\\t\", 3) = %v; want a new todo.\n"+
			"Clean the title with cleanTitle, stamp CreatedAt and UpdatedAt with s.now(), then s.store.Insert", err)
	}
	want := todo.Todo{ID: got.ID, Title: "Buy milk", Completed: false, Order: 3, CreatedAt: c.now, UpdatedAt: c.now}
	if got.ID <= 0 || !todotest.Same(got, want) {
		t.Fatalf("step 4: Create returned %+v\nwant %+v\n(title trimmed, not completed, order as given, both times from the clock)", got, want)
	}
}

func TestStep4CreateRejectsBadTitles(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()

	for _, tc := range []struct {
		name, title, message string
	}{
		{"an empty", "", "empty"},
		{"a blank", " \t\n ", "empty"},
		{"a one character too long", strings.Repeat("é", todo.MaxTitleLength+1), "limit"},
		{"a non-UTF-8", "milk \xff", "UTF-8"},
	} {
		_, err := svc.Create(ctx, tc.title, 0)
		if !errors.Is(err, todo.ErrInvalid) {
			t.Fatalf("step 4: Create with %s title = %v; want an error that matches todo.ErrInvalid.\n"+
				"Return todo.Errorf(todo.CodeInvalid, \"…\") from cleanTitle", tc.name, err)
		}
		if !strings.Contains(err.Error(), tc.message) {
			t.Fatalf("step 4: Create with %s title: message %q; want one that mentions %q, so the user knows what to fix", tc.name, err, tc.message)
		}
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 0 {
		t.Fatalf("step 4: after rejected creates, List = %+v, %v; want nothing stored", list, err)
	}
}

func TestStep4CreateCountsCharactersNotBytes(t *testing.T) {
	svc, _ := newService(t)
	title := strings.Repeat("é", todo.MaxTitleLength) // 200 characters, 400 bytes

	got, err := svc.Create(context.Background(), title, 0)
	if err != nil {
		t.Fatalf("step 4: Create with a title of exactly %d characters (%d bytes) = %v; want it accepted.\n"+
			"Count with utf8.RuneCountInString, not len", todo.MaxTitleLength, len(title), err)
	}
	if got.Title != title {
		t.Fatalf("step 4: Create stored title %q; want it unchanged", got.Title)
	}
}

func TestStep4UpdateMovesUpdatedAtAndKeepsCreatedAt(t *testing.T) {
	svc, c := newService(t)
	ctx := context.Background()
	created, err := svc.Create(ctx, "walk the dog", 1)
	if err != nil {
		t.Fatalf("step 4: Create = %v; finish Create first", err)
	}

	got, err := svc.Update(ctx, created.ID, todo.Patch{Title: new("  walk the cat "), Completed: new(true)})
	if err != nil {
		t.Fatalf("step 4: svc.Update(ctx, %d, {Title, Completed}) = %v; want the updated todo.\n"+
			"Check the patch, clean a given title, then s.store.Update(ctx, id, p, s.now())", created.ID, err)
	}
	want := created
	want.Title, want.Completed, want.UpdatedAt = "walk the cat", true, c.now
	if !todotest.Same(got, want) {
		t.Fatalf("step 4: Update returned %+v\nwant %+v\n(title trimmed, UpdatedAt from the clock, CreatedAt and Order unchanged)", got, want)
	}
}

func TestStep4UpdateRejectsBadPatches(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	created, err := svc.Create(ctx, "keep me", 1)
	if err != nil {
		t.Fatalf("step 4: Create = %v; finish Create first", err)
	}

	for _, tc := range []struct {
		name    string
		patch   todo.Patch
		message string
	}{
		{"nothing to change", todo.Patch{}, "nothing to update"},
		{"a blank title", todo.Patch{Title: new("   "), Completed: new(true)}, "empty"},
		{"a title too long", todo.Patch{Title: new(strings.Repeat("x", todo.MaxTitleLength+1))}, "limit"},
	} {
		_, err := svc.Update(ctx, created.ID, tc.patch)
		if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), tc.message) {
			t.Fatalf("step 4: Update with %s = %v; want todo.ErrInvalid with a message that mentions %q.\n"+
				"An empty patch (p.IsEmpty()) is invalid; a given title goes through cleanTitle", tc.name, err, tc.message)
		}
	}
	if got, err := svc.Get(ctx, created.ID); err != nil || !todotest.Same(got, created) {
		t.Fatalf("step 4: after rejected updates, Get = %+v, %v; want the todo unchanged: %+v", got, err, created)
	}

	_, err = svc.Update(ctx, 999, todo.Patch{Completed: new(true)})
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 4: Update of unknown id 999 = %v; want todo.ErrNotFound (the store reports it: pass it on)", err)
	}
}
