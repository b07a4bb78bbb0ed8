package todo_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage01-service/todotest"
)

// Step 4: the service rules (README, "Step 4").

// stuck ends every failure message of step k with the command that gives its hints.
func stuck(k int) string {
	return fmt.Sprintf("(stuck? go run ../workshop hint stage01 %d)", k)
}

// clock is a fake time source: each call returns a time one second later.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time {
	c.now = c.now.Add(time.Second)
	return c.now
}

// newService returns the service over a new SQLite file, with a fake clock.
// It first checks the store of steps 1-3, so that a step 4 failure is about
// the service.
func newService(t *testing.T) (todo.Service, *clock) {
	t.Helper()
	store := todotest.NewStore(t)
	ctx := context.Background()
	saved, err := store.Insert(ctx, todo.Todo{Title: "probe", CreatedAt: time.Now(), UpdatedAt: time.Now()})
	if err != nil {
		t.Fatalf("the store's Insert (provided) = %v; finish step 1 first %s", err, stuck(1))
	}
	if _, err := store.Select(ctx, saved.ID); err != nil {
		t.Fatalf("the service's tests need your store: store.Select = %v; finish step 2 first %s", err, stuck(2))
	}
	if _, err := store.Update(ctx, saved.ID, todo.Patch{Completed: new(true)}, time.Now()); err != nil {
		t.Fatalf("the service's tests need your store: store.Update = %v; finish step 3 first %s", err, stuck(3))
	}
	if err := store.Delete(ctx, saved.ID); err != nil {
		t.Fatalf("the service's tests need your store: store.Delete = %v; finish step 2 first %s", err, stuck(2))
	}
	c := &clock{now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	return todo.NewService(store, c.Now), c
}

func TestStep4CreateTrimsTheTitleAndStartsNotCompleted(t *testing.T) {
	svc, c := newService(t)

	got, err := svc.Create(context.Background(), "  Buy milk\t", 3)
	if err != nil {
		t.Fatalf("step 4: svc.Create(ctx, \"  Buy milk\\t\", 3) = %v; want a new todo %s", err, stuck(4))
	}
	if got.ID <= 0 {
		t.Fatalf("step 4: Create returned ID %d; want the positive ID the store gave it: return what the store saved %s", got.ID, stuck(4))
	}
	want := todo.Todo{ID: got.ID, Title: "Buy milk", Completed: false, Order: 3, CreatedAt: c.now, UpdatedAt: c.now}
	switch {
	case got.Title != want.Title:
		t.Fatalf("step 4: Create returned title %q; want %q: the service trims the title, the store keeps what it is given %s",
			got.Title, want.Title, stuck(4))
	case got.Completed || got.Order != 3:
		t.Fatalf("step 4: Create returned completed %v, order %d; want false, 3: a new todo is not done, and keeps its order %s",
			got.Completed, got.Order, stuck(4))
	case !got.CreatedAt.Equal(got.UpdatedAt):
		t.Fatalf("step 4: Create returned CreatedAt %v and UpdatedAt %v (%v apart); want them equal.\n"+
			"A todo nobody has updated yet looks updated: a client that shows \"edited\" when the two differ is misled. "+
			"(The test clock moves one second each time it is read.) %s",
			got.CreatedAt, got.UpdatedAt, got.UpdatedAt.Sub(got.CreatedAt), stuck(4))
	case !got.CreatedAt.Equal(c.now):
		t.Fatalf("step 4: Create returned CreatedAt %v; want %v, the time of the clock given to NewService.\n"+
			"The service stamped a time that did not come from that clock: whoever built the service "+
			"(a test, a replay) cannot control the times it stamps %s",
			got.CreatedAt, c.now, stuck(4))
	case !todotest.Same(got, want):
		t.Fatalf("step 4: Create returned\n got  %+v\n want %+v %s", got, want, stuck(4))
	}
}

func TestStep4CreateRejectsBadTitles(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	if _, err := svc.Create(ctx, "a good title", 0); err != nil {
		t.Fatalf("step 4: Create with a good title = %v; want a new todo %s", err, stuck(4))
	}

	for _, tc := range []struct {
		name, title, message, why string
	}{
		{"an empty", "", "empty", "nothing to show"},
		{"a blank", " \t\n ", "empty", "only spaces: empty once trimmed"},
		{"a one character too long", strings.Repeat("é", todo.MaxTitleLength+1), "limit", "over MaxTitleLength runes"},
		{"a non-UTF-8", "milk \xff", "UTF-8", "not text"},
		{"an invisible (zero-width spaces only)", "\u200b\u200b", "empty",
			"U+200B is not a space to strings.TrimSpace, but a user sees an empty line: count only visible characters"},
		{"a NUL-holding", "milk\x00", "control",
			"a NUL is not text a user typed: it truncates the title in C programs and hides in logs"},
		{"a two-line", "milk\nbread", "control", "a title is one line: a line break inside is a control character"},
	} {
		_, err := svc.Create(ctx, tc.title, 0)
		if !errors.Is(err, todo.ErrInvalid) {
			t.Fatalf("step 4: Create with %s title %q = %v (code %q)\n"+
				"want an error that matches todo.ErrInvalid (code %q): %s. The caller sent what the rules refuse, "+
				"and transports answer it with 400 or InvalidArgument %s",
				tc.name, tc.title, err, todo.ErrorCode(err), todo.CodeInvalid, tc.why, stuck(4))
		}
		if !strings.Contains(err.Error(), tc.message) {
			t.Fatalf("step 4: Create with %s title: message %q; want one that mentions %q, so the user knows what to fix %s",
				tc.name, err, tc.message, stuck(4))
		}
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 1 {
		t.Fatalf("step 4: after rejected creates, List holds %d todos (err %v); want only the good one: refuse before storing %s",
			len(list), err, stuck(4))
	}
}

func TestStep4CreateCountsCharactersNotBytes(t *testing.T) {
	svc, _ := newService(t)
	title := strings.Repeat("é", todo.MaxTitleLength) // 200 characters, 400 bytes

	got, err := svc.Create(context.Background(), title, 0)
	if err != nil {
		t.Fatalf("step 4: Create with a title of exactly %d characters (%d bytes) = %v; want it accepted.\n"+
			"The limit is %d runes (Unicode code points), not bytes: a user who typed %d characters is refused %s",
			todo.MaxTitleLength, len(title), err, todo.MaxTitleLength, todo.MaxTitleLength, stuck(4))
	}
	if got.Title != title {
		t.Fatalf("step 4: Create stored a title of %d bytes; want the %d-byte title unchanged %s", len(got.Title), len(title), stuck(4))
	}
}

func TestStep4UpdateMovesUpdatedAtAndKeepsCreatedAt(t *testing.T) {
	svc, c := newService(t)
	ctx := context.Background()
	created, err := svc.Create(ctx, "walk the dog", 1)
	if err != nil {
		t.Fatalf("step 4: Create = %v; write Create before Update %s", err, stuck(4))
	}

	got, err := svc.Update(ctx, created.ID, todo.Patch{Title: new("  walk the cat "), Completed: new(true)})
	if err != nil {
		t.Fatalf("step 4: svc.Update(ctx, %d, {Title: \"  walk the cat \", Completed: true}) = %v; want the updated todo %s",
			created.ID, err, stuck(4))
	}
	want := created
	want.Title, want.Completed, want.UpdatedAt = "walk the cat", true, c.now
	switch {
	case got.Title != want.Title:
		t.Fatalf("step 4: Update returned title %q; want %q: a new title follows the same rules as Create's %s", got.Title, want.Title, stuck(4))
	case !got.UpdatedAt.Equal(c.now) || !got.CreatedAt.Equal(created.CreatedAt):
		t.Fatalf("step 4: Update returned CreatedAt %v, UpdatedAt %v\n want CreatedAt %v (unchanged), UpdatedAt %v (the clock's time now) %s",
			got.CreatedAt, got.UpdatedAt, created.CreatedAt, c.now, stuck(4))
	case !todotest.Same(got, want):
		t.Fatalf("step 4: Update returned\n got  %+v\n want %+v %s", got, want, stuck(4))
	}
}

func TestStep4UpdateRejectsBadPatches(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	created, err := svc.Create(ctx, "keep me", 1)
	if err != nil {
		t.Fatalf("step 4: Create = %v; write Create before Update %s", err, stuck(4))
	}

	for _, tc := range []struct {
		name    string
		patch   todo.Patch
		message string
	}{
		{"nothing to change", todo.Patch{}, "nothing to update"},
		{"a blank title", todo.Patch{Title: new("   "), Completed: new(true)}, "empty"},
		{"a title too long", todo.Patch{Title: new(strings.Repeat("x", todo.MaxTitleLength+1))}, "limit"},
		{"an invisible title", todo.Patch{Title: new("\u200b \u2060")}, "empty"},
		{"a title holding a NUL", todo.Patch{Title: new("keep\x00me")}, "control"},
	} {
		_, err := svc.Update(ctx, created.ID, tc.patch)
		if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), tc.message) {
			t.Fatalf("step 4: Update with %s = %v (code %q)\n"+
				"want todo.ErrInvalid with a message that mentions %q: a patch that changes nothing is a mistake "+
				"the caller can fix, and a new title obeys Create's rules %s",
				tc.name, err, todo.ErrorCode(err), tc.message, stuck(4))
		}
	}
	if got, err := svc.Get(ctx, created.ID); err != nil || !todotest.Same(got, created) {
		t.Fatalf("step 4: after rejected updates, Get(ctx, %d) = %q, completed %v (err %v); want the todo unchanged: %q, not completed %s",
			created.ID, got.Title, got.Completed, err, created.Title, stuck(4))
	}

	_, err = svc.Update(ctx, 999, todo.Patch{Completed: new(true)})
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 4: Update of unknown id 999 = %v; want todo.ErrNotFound.\n"+
			"Only the store knows which ids exist, and it says so: pass its error on as it is %s", err, stuck(4))
	}
	_, err = svc.Update(ctx, 999, todo.Patch{Title: new("   ")})
	if !errors.Is(err, todo.ErrInvalid) {
		t.Fatalf("step 4: Update of unknown id 999 with a blank title = %v; want todo.ErrInvalid.\n"+
			"A not-found here tells the caller the id is unknown, while the patch could not be applied to any todo: "+
			"it fixes the id, then learns the title is wrong too %s", err, stuck(4))
	}
}
