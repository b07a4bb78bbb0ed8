package todotest

import (
	"context"
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

// titles returns the titles of the todos, for short failure messages.
func titles(todos []todo.Todo) []string {
	out := make([]string, len(todos))
	for i, t := range todos {
		out[i] = t.Title
	}
	return out
}

// mustCreate creates a todo or ends the test.
func mustCreate(t *testing.T, svc todo.Service, title string, order int64) todo.Todo {
	t.Helper()
	created, err := svc.Create(context.Background(), title, order)
	if err != nil {
		t.Fatalf("Create(ctx, %q, %d) = %v; want a new todo", title, order, err)
	}
	return created
}

// mustGet gets a todo or ends the test.
func mustGet(t *testing.T, svc todo.Service, id int64) todo.Todo {
	t.Helper()
	got, err := svc.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(ctx, %d) = %v; want the todo", id, err)
	}
	return got
}
