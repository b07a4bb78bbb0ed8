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
	// TODO(stage01, step 1): open the file, make sure it can be used, bring its
	// schema up to date.
	// In: the caller's context and a file path. Out: a Store whose connections
	// all get the settings of dsn(path), on a file with every migration applied
	// (migrate, in migrate.go, is provided).
	// Errors, each naming the path and wrapping its cause so callers can inspect it:
	//   - the file cannot be opened (no such folder, not a database): the error
	//     starts "open <path>: " and Open itself returns it, not the first query;
	//   - the schema does not apply: the error starts "migrate <path>: ".
	// Whatever fails, release what you opened before you return.
	// Decide: sql.Open touches no file (go doc database/sql.Open). What does?
	return nil, fmt.Errorf("sqlite.Open is not written yet: do stage 01, step 1")
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
