// Package sqlite keeps todos in a SQLite database file: the workshop's
// todo.Store, written with database/sql and github.com/mattn/go-sqlite3.
//
// Several Stores, in one process or in several, may share one file: the
// database runs in WAL mode (readers never block the writer) and a writer
// that finds the file busy waits instead of failing at once.
package sqlite
