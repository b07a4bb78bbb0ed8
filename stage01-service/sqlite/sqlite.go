package sqlite

import (
	"context"
	"database/sql"
	"errors"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver (needs cgo)
)

// Store is a todo.Store on a SQLite database.
type Store struct {
	db *sql.DB
}

// Open opens the database file at path, creating it if needed, applies the
// schema the file does not have yet, and returns the Store. Close it when done.
func Open(ctx context.Context, path string) (*Store, error) {
	// TODO(stage01, step 1): open the database and return the Store.
	//   1. db, err := sql.Open("sqlite3", dsn(path)); sql.Open only checks its
	//      arguments, it does not touch the file.
	//   2. db.PingContext(ctx) connects for real: a bad path fails here.
	//   3. migrate(ctx, db) applies the embedded schema.
	// On every error after sql.Open, close db and return the error wrapped with
	// the path: fmt.Errorf("open %s: %w", path, err).
	return nil, errors.New("sqlite.Open is not written yet: do stage 01, step 1")
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
