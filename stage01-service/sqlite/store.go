package sqlite

import (
	"context"
	"errors"
	"time"

	"github.com/gokit-workshop/workshop/stage01-service/todo"
)

var _ todo.Store = (*Store)(nil)

// columns lists, in scanTodo's order, the columns every query returns.
const columns = `id, title, completed, sort_order, created_at, updated_at`

// scanTodo reads one row of columns.
func scanTodo(row interface{ Scan(dest ...any) error }) (todo.Todo, error) {
	var t todo.Todo
	err := row.Scan(&t.ID, &t.Title, &t.Completed, &t.Order, &t.CreatedAt, &t.UpdatedAt)
	return t, err
}

// notFound is the domain error for an id no row has.
func notFound(id int64) error {
	return todo.Errorf(todo.CodeNotFound, "todo %d not found", id)
}

// Insert saves t and returns it with the ID the database gave it.
func (s *Store) Insert(ctx context.Context, t todo.Todo) (todo.Todo, error) {
	// TODO(stage01, step 2): insert t and return it as saved.
	// One statement does both: INSERT INTO todos (title, completed, sort_order,
	// created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING `+columns, run
	// with s.db.QueryRowContext, read with scanTodo. Wrap errors with %w.
	return todo.Todo{}, errors.New("Store.Insert is not written yet: do stage 01, step 2")
}

// Select returns the todo with that id.
func (s *Store) Select(ctx context.Context, id int64) (todo.Todo, error) {
	// TODO(stage01, step 2): select the todo with that id.
	// SELECT `+columns+` FROM todos WHERE id = ?, with QueryRowContext and
	// scanTodo. When the error is sql.ErrNoRows (errors.Is), return notFound(id).
	return todo.Todo{}, errors.New("Store.Select is not written yet: do stage 01, step 2")
}

// SelectAll returns every todo, sorted by Order then ID.
func (s *Store) SelectAll(ctx context.Context) ([]todo.Todo, error) {
	// TODO(stage01, step 3): select every todo, ORDER BY sort_order, id.
	// QueryContext, defer rows.Close(), scanTodo each row, check rows.Err().
	// Start from []todo.Todo{}, not nil: an empty list must become [] in JSON.
	return nil, errors.New("Store.SelectAll is not written yet: do stage 01, step 3")
}

// Update applies the patch in one statement: COALESCE keeps a column as it is
// where the patch has nil (database/sql sends a nil pointer as NULL).
func (s *Store) Update(ctx context.Context, id int64, p todo.Patch, updatedAt time.Time) (todo.Todo, error) {
	// TODO(stage01, step 3): update the todo in one statement and return it.
	// UPDATE todos SET title = COALESCE(?, title), … , updated_at = ?
	// WHERE id = ? RETURNING `+columns. Pass p.Title, p.Completed and p.Order
	// as they are: a nil pointer becomes NULL, and COALESCE keeps the old value.
	// No row (sql.ErrNoRows) means notFound(id).
	return todo.Todo{}, errors.New("Store.Update is not written yet: do stage 01, step 3")
}

// Delete removes the todo with that id.
func (s *Store) Delete(ctx context.Context, id int64) error {
	// TODO(stage01, step 3): DELETE FROM todos WHERE id = ? with ExecContext.
	// The result's RowsAffected() tells whether there was such a todo: 0 rows
	// means notFound(id).
	return errors.New("Store.Delete is not written yet: do stage 01, step 3")
}

// DeleteAll removes every todo.
func (s *Store) DeleteAll(ctx context.Context) error {
	// TODO(stage01, step 3): DELETE FROM todos with ExecContext.
	return errors.New("Store.DeleteAll is not written yet: do stage 01, step 3")
}
