package todo

import (
	"context"
	"time"
)

// MaxTitleLength is the longest title the service accepts, in characters
// (runes, not bytes), after trimming.
const MaxTitleLength = 200

// Todo is one item of the list.
type Todo struct {
	ID        int64
	Title     string
	Completed bool
	Order     int64 // kept as the client gives it; lists are sorted by it
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Patch is a partial update: a nil field is left as it is.
type Patch struct {
	Title     *string
	Completed *bool
	Order     *int64
}

// IsEmpty reports whether the patch would change nothing.
func (p Patch) IsEmpty() bool {
	return p.Title == nil && p.Completed == nil && p.Order == nil
}

// Service is what the todo service does, whatever carries the calls to it.
// Every later layer either wraps a Service (middleware, endpoints, servers)
// or is one (the clients), so the same tests run against all of them.
type Service interface {
	// Create adds a todo that is not completed yet.
	Create(ctx context.Context, title string, order int64) (Todo, error)
	// Get returns one todo, or an error that matches ErrNotFound.
	Get(ctx context.Context, id int64) (Todo, error)
	// List returns every todo, sorted by Order then ID; never nil.
	List(ctx context.Context) ([]Todo, error)
	// Update changes the fields the patch gives and returns the result.
	Update(ctx context.Context, id int64, p Patch) (Todo, error)
	// Delete removes one todo, or returns an error that matches ErrNotFound.
	Delete(ctx context.Context, id int64) error
	// DeleteAll removes every todo.
	DeleteAll(ctx context.Context) error
}

// Store keeps todos. It stores what it is given: the rules live in the
// Service, the queries in the Store (the FAQ's "Persistence" advice).
// Methods that name an id return an error matching ErrNotFound when there is
// no such todo.
type Store interface {
	// Insert saves t, whose ID is ignored, and returns it with its new ID.
	Insert(ctx context.Context, t Todo) (Todo, error)
	// Select returns the todo with that id.
	Select(ctx context.Context, id int64) (Todo, error)
	// SelectAll returns every todo, sorted by Order then ID; never nil.
	SelectAll(ctx context.Context) ([]Todo, error)
	// Update applies the patch, sets UpdatedAt and returns the todo as saved.
	Update(ctx context.Context, id int64, p Patch, updatedAt time.Time) (Todo, error)
	// Delete removes the todo with that id.
	Delete(ctx context.Context, id int64) error
	// DeleteAll removes every todo.
	DeleteAll(ctx context.Context) error
}
