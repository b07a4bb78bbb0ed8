package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver (needs cgo)
)

// Store is a todo.Store on a SQLite database.
type Store struct {
	db *sql.DB
}

// Open opens the database file at path, creating it if needed, applies the
// schema the file does not have yet, and returns the Store. Close it when done.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// dsn returns the data source name for go-sqlite3: the file and the settings
// that every connection of the pool gets.
func dsn(path string) string {
	return "file:" + path +
		"?_journal_mode=WAL" + // readers and one writer at the same time
		"&_busy_timeout=5000" + // wait up to 5 s for a lock instead of "database is locked"
		"&_txlock=immediate" + // transactions take the write lock when they begin
		"&_synchronous=NORMAL" // safe with WAL; a power cut may lose the last commits
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}
