package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
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
	row := s.db.QueryRowContext(ctx, `SELECT `+columns+` FROM todos WHERE id = ?`, id)
	t, err := scanTodo(row)
	if errors.Is(err, sql.ErrNoRows) {
		return todo.Todo{}, notFound(id)
	}
	if err != nil {
		return todo.Todo{}, fmt.Errorf("select todo %d: %w", id, err)
	}
	return t, nil
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
	// COALESCE keeps a column as it is where the patch has nil: database/sql
	// sends a nil pointer as NULL. The row is decided when it is written, so
	// a field another writer changed meanwhile is kept.
	row := s.db.QueryRowContext(ctx,
		`UPDATE todos SET
		   title      = COALESCE(?, title),
		   completed  = COALESCE(?, completed),
		   sort_order = COALESCE(?, sort_order),
		   updated_at = ?
		 WHERE id = ?
		 RETURNING `+columns,
		p.Title, p.Completed, p.Order, updatedAt, id)
	t, err := scanTodo(row)
	if errors.Is(err, sql.ErrNoRows) {
		return todo.Todo{}, notFound(id)
	}
	if err != nil {
		return todo.Todo{}, fmt.Errorf("update todo %d: %w", id, err)
	}
	return t, nil
}

// Delete removes the todo with that id.
func (s *Store) Delete(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM todos WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete todo %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete todo %d: %w", id, err)
	}
	if n == 0 {
		return notFound(id)
	}
	return nil
}

// DeleteAll removes every todo.
func (s *Store) DeleteAll(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM todos`); err != nil {
		return fmt.Errorf("delete todos: %w", err)
	}
	return nil
}
