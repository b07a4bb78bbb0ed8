package sqlite

import (
	"context"
	"fmt"
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
	row := s.db.QueryRowContext(ctx,
		`INSERT INTO todos (title, completed, sort_order, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?)
		 RETURNING `+columns,
		t.Title, t.Completed, t.Order, t.CreatedAt, t.UpdatedAt)
	saved, err := scanTodo(row)
	if err != nil {
		return todo.Todo{}, fmt.Errorf("insert todo: %w", err)
	}
	return saved, nil
}

// Select returns the todo with that id.
func (s *Store) Select(ctx context.Context, id int64) (todo.Todo, error) {
	// TODO(stage01, step 2): read one todo by its id.
	// In: the caller's context (the query must stop when it is cancelled) and
	// an id. Out: the todo as stored, every column (scanTodo reads them).
	// Decide whose error is which:
	//   - no row has that id: the domain's not-found (notFound gives it, code
	//     not_found, a message naming the id);
	//   - anything else (a cancelled context, a broken file) is a failure, not
	//     the caller's fault: return it wrapped with the id and its cause kept,
	//     so that it stays code internal and errors.Is still finds the cause.
	// Insert, above, shows a query that returns one row.
	return todo.Todo{}, fmt.Errorf("Store.Select is not written yet: do stage 01, step 2")
}

// SelectAll returns every todo, sorted by Order then ID.
func (s *Store) SelectAll(ctx context.Context) ([]todo.Todo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+columns+` FROM todos ORDER BY sort_order, id`)
	if err != nil {
		return nil, fmt.Errorf("select todos: %w", err)
	}
	defer rows.Close()

	todos := []todo.Todo{} // an empty list, not nil: it becomes [] in JSON
	for rows.Next() {
		t, err := scanTodo(rows)
		if err != nil {
			return nil, fmt.Errorf("select todos: %w", err)
		}
		todos = append(todos, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select todos: %w", err)
	}
	return todos, nil
}

// Update applies the patch in one statement and returns the todo as saved.
func (s *Store) Update(ctx context.Context, id int64, p todo.Patch, updatedAt time.Time) (todo.Todo, error) {
	// TODO(stage01, step 3): the partial update.
	// In: an id, a patch whose nil fields mean "leave it as it is", and the
	// time to store in updated_at (the service's clock, not the store's).
	// Out: the todo as saved after the update, every column. No row with that
	// id: notFound(id). Other errors: wrapped with the id, cause kept.
	// Decide how a field the patch leaves out keeps its value. It must happen
	// in the one statement that writes: a read followed by a write puts back
	// what another writer changed in between (a lost update).
	return todo.Todo{}, fmt.Errorf("Store.Update is not written yet: do stage 01, step 3")
}

// Delete removes the todo with that id.
func (s *Store) Delete(ctx context.Context, id int64) error {
	// TODO(stage01, step 2): delete the todo with that id.
	// In: the caller's context (the statement must stop when it is cancelled)
	// and an id. Out: nil when a todo was removed; the domain's not-found
	// (notFound(id)) when there was none; any other error wrapped with the id,
	// cause kept, so that it stays code internal.
	// Decide how you know there was none: the same way as Select, or not?
	return fmt.Errorf("Store.Delete is not written yet: do stage 01, step 2")
}

// DeleteAll removes every todo.
func (s *Store) DeleteAll(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM todos`); err != nil {
		return fmt.Errorf("delete todos: %w", err)
	}
	return nil
}
