package todohttp

import (
	"strconv"
	"strings"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// todoJSON is a todo on the wire. URL is the absolute address of the item.
type todoJSON struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Completed bool      `json:"completed"`
	Order     int64     `json:"order"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// createJSON is the body of POST /todos. Completed is here because clients
// send it (the Todo-Backend page creates with "completed": false), and a
// field the body gives must be decided, never dropped: see
// decodeCreateRequest.
type createJSON struct {
	Title     string `json:"title"`
	Order     int64  `json:"order"`
	Completed bool   `json:"completed"`
}

// patchJSON is the body of PATCH /todos/{id}: an absent (or null) field is
// left as it is.
type patchJSON struct {
	Title     *string `json:"title"`
	Completed *bool   `json:"completed"`
	Order     *int64  `json:"order"`
}

// errorJSON is the body of every error answer.
type errorJSON struct {
	Error string `json:"error"`
}

// newTodoJSON returns the wire form of t; base is the service's public URL.
func newTodoJSON(t todo.Todo, base string) todoJSON {
	return todoJSON{
		ID:        t.ID,
		Title:     t.Title,
		Completed: t.Completed,
		Order:     t.Order,
		URL:       itemURL(base, t.ID),
		CreatedAt: t.CreatedAt,
		UpdatedAt: t.UpdatedAt,
	}
}

// todo returns the domain form of the wire todo.
func (j todoJSON) todo() todo.Todo {
	return todo.Todo{
		ID:        j.ID,
		Title:     j.Title,
		Completed: j.Completed,
		Order:     j.Order,
		CreatedAt: j.CreatedAt,
		UpdatedAt: j.UpdatedAt,
	}
}

// itemURL returns the absolute URL of the todo with that id.
func itemURL(base string, id int64) string {
	return strings.TrimSuffix(base, "/") + "/todos/" + strconv.FormatInt(id, 10)
}
