// Package sqlitevariant is the stage 01 SQLite store with its settings open
// to change, so that benchmarks can weigh each setting of stage 01 against
// its alternatives: journal mode, synchronous level, connection pool,
// prepared statements. The queries are stage 01's, copied; a benchmark
// checks the variant with stage 01's settings against the real Store.
//
// It is measuring equipment, not a second store: the workshop's store is
// solutions/stage01-service/sqlite.
package sqlitevariant

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Config is one choice of settings.
type Config struct {
	// Journal is the journal mode: "WAL" (stage 01) or "DELETE" (SQLite's
	// default, a rollback journal).
	Journal string
	// Synchronous is the synchronous level: "OFF", "NORMAL" (stage 01) or
	// "FULL" (SQLite's default).
	Synchronous string
	// MaxOpen is the pool's limit of open connections (sql.DB's
	// SetMaxOpenConns); 0 means no limit, as in stage 01.
	MaxOpen int
	// MaxIdle is how many idle connections the pool keeps (SetMaxIdleConns);
	// 0 means database/sql's default, 2, as in stage 01.
	MaxIdle int
	// Prepared prepares each query once, at Open, instead of on every call
	// as stage 01 does.
	Prepared bool
	// OneWriter sends writes through a second pool of one connection, so
	// that writers queue in Go instead of in SQLite's busy handler, which
	// sleeps (1 ms, 2 ms, 5 ms, … up to 100 ms at a time) until the lock is
	// free. Reads keep the pool that MaxOpen and MaxIdle set.
	OneWriter bool
}

// Stage01 is the configuration of solutions/stage01-service/sqlite.
var Stage01 = Config{Journal: "WAL", Synchronous: "NORMAL"}

// DSN returns the data source name of the file at path with c's pragmas, in
// the form stage 01 uses.
func (c Config) DSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", c.Journal)
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", c.Synchronous)
	return "file:" + path + "?" + q.Encode()
}

// Store is a todo store on a file that already has stage 01's schema (open
// it once with sqlite.Open first).
type Store struct {
	db, writer                *sql.DB   // writer is db unless Config.OneWriter
	insert, selectOne, selAll *sql.Stmt // nil unless Config.Prepared
}

// The queries of solutions/stage01-service/sqlite/store.go.
const (
	columns     = `id, title, completed, sort_order, created_at, updated_at`
	insertQuery = `INSERT INTO todos (title, completed, sort_order, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?)
		 RETURNING ` + columns
	selectQuery    = `SELECT ` + columns + ` FROM todos WHERE id = ?`
	selectAllQuery = `SELECT ` + columns + ` FROM todos ORDER BY sort_order, id`
	completeQuery  = `UPDATE todos SET
		   title      = COALESCE(?, title),
		   completed  = COALESCE(?, completed),
		   sort_order = COALESCE(?, sort_order),
		   updated_at = ?
		 WHERE id = ?
		 RETURNING ` + columns
)

// Open opens the file at path with the settings c.
func Open(ctx context.Context, path string, c Config) (*Store, error) {
	db, err := sql.Open("sqlite3", c.DSN(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(c.MaxOpen)
	if c.MaxIdle > 0 {
		db.SetMaxIdleConns(c.MaxIdle)
	}
	s := &Store{db: db, writer: db}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if c.OneWriter {
		if s.writer, err = sql.Open("sqlite3", c.DSN(path)); err != nil {
			db.Close()
			return nil, err
		}
		s.writer.SetMaxOpenConns(1)
	}
	if c.Prepared {
		for _, p := range []struct {
			stmt  **sql.Stmt
			query string
			db    *sql.DB
		}{{&s.insert, insertQuery, s.writer}, {&s.selectOne, selectQuery, db}, {&s.selAll, selectAllQuery, db}} {
			if *p.stmt, err = p.db.PrepareContext(ctx, p.query); err != nil {
				s.Close()
				return nil, fmt.Errorf("prepare: %w", err)
			}
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.writer != s.db {
		s.writer.Close()
	}
	return s.db.Close()
}

// JournalMode returns the journal mode the file is in, to check that the
// DSN took effect.
func (s *Store) JournalMode(ctx context.Context) (string, error) {
	var mode string
	err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	return mode, err
}

// queryRow runs a one-row query on db, through stmt when it is prepared.
func queryRow(ctx context.Context, db *sql.DB, stmt *sql.Stmt, query string, args ...any) *sql.Row {
	if stmt != nil {
		return stmt.QueryRowContext(ctx, args...)
	}
	return db.QueryRowContext(ctx, query, args...)
}

func scan(row interface{ Scan(dest ...any) error }) (todo.Todo, error) {
	var t todo.Todo
	err := row.Scan(&t.ID, &t.Title, &t.Completed, &t.Order, &t.CreatedAt, &t.UpdatedAt)
	return t, err
}

// Insert saves t and returns it with its new ID.
func (s *Store) Insert(ctx context.Context, t todo.Todo) (todo.Todo, error) {
	return scan(queryRow(ctx, s.writer, s.insert, insertQuery, t.Title, t.Completed, t.Order, t.CreatedAt, t.UpdatedAt))
}

// Select returns the todo with that id.
func (s *Store) Select(ctx context.Context, id int64) (todo.Todo, error) {
	return scan(queryRow(ctx, s.db, s.selectOne, selectQuery, id))
}

// Complete marks the todo with that id completed (or not), with stage 01's
// update query, and returns it.
func (s *Store) Complete(ctx context.Context, id int64, completed bool) (todo.Todo, error) {
	return scan(queryRow(ctx, s.writer, nil, completeQuery, nil, completed, nil, time.Now().UTC(), id))
}

// SelectAll returns every todo, sorted by Order then ID.
func (s *Store) SelectAll(ctx context.Context) ([]todo.Todo, error) {
	var rows *sql.Rows
	var err error
	if s.selAll != nil {
		rows, err = s.selAll.QueryContext(ctx)
	} else {
		rows, err = s.db.QueryContext(ctx, selectAllQuery)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	todos := []todo.Todo{}
	for rows.Next() {
		t, err := scan(rows)
		if err != nil {
			return nil, err
		}
		todos = append(todos, t)
	}
	return todos, rows.Err()
}
