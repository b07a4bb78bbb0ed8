package todotest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Same reports whether two todos are equal, comparing times with
// time.Time.Equal (a time that crossed a wire has another location value).
func Same(a, b todo.Todo) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Completed == b.Completed && a.Order == b.Order &&
		a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt)
}

// SameList reports whether two lists hold the same todos in the same order.
func SameList(a, b []todo.Todo) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Same(a[i], b[i]) {
			return false
		}
	}
	return true
}

// diff names the fields in which got differs from want, as Same compares
// them: "Title "a", want "b"; UpdatedAt …, want …". It is "" when they are Same.
func diff(got, want todo.Todo) string {
	var d []string
	if got.ID != want.ID {
		d = append(d, fmt.Sprintf("ID %d, want %d", got.ID, want.ID))
	}
	if got.Title != want.Title {
		d = append(d, fmt.Sprintf("Title %q, want %q", got.Title, want.Title))
	}
	if got.Completed != want.Completed {
		d = append(d, fmt.Sprintf("Completed %v, want %v", got.Completed, want.Completed))
	}
	if got.Order != want.Order {
		d = append(d, fmt.Sprintf("Order %d, want %d", got.Order, want.Order))
	}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		d = append(d, fmt.Sprintf("CreatedAt %v, want %v", got.CreatedAt, want.CreatedAt))
	}
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		d = append(d, fmt.Sprintf("UpdatedAt %v, want %v", got.UpdatedAt, want.UpdatedAt))
	}
	return strings.Join(d, "; ")
}

// titles returns the titles of the todos, for short failure messages.
func titles(todos []todo.Todo) []string {
	out := make([]string, len(todos))
	for i, t := range todos {
		out[i] = t.Title
	}
	return out
}

// mustCreate creates a todo or ends the test: the scenario needs it to go on.
func mustCreate(t *testing.T, svc todo.Service, title string, order int64) todo.Todo {
	t.Helper()
	created, err := svc.Create(context.Background(), title, order)
	if err != nil {
		t.Fatalf("contract: the scenario begins by creating a todo, and Create(ctx, %q, %d) failed: %v\n"+
			"want a new todo; see the CreateThenGet scenario for Create alone", title, order, err)
	}
	return created
}

// mustGet gets a todo or ends the test: the scenario checks what was stored.
func mustGet(t *testing.T, svc todo.Service, id int64) todo.Todo {
	t.Helper()
	got, err := svc.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("contract: Get(ctx, %d) of a todo that exists failed: %v\n"+
			"want the todo; see the CreateThenGet scenario for Get alone", id, err)
	}
	return got
}
