package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
)

// Step 1: Open the database (README, "Step 1").

// openAt opens a Store at path or ends the test with the step 1 hint.
func openAt(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("step 1: sqlite.Open(ctx, %q) = %v\n"+
			"want a Store. Do step 1 first: open the file with sql.Open(\"sqlite3\", dsn(path)), ping it, run migrate", path, err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// rawDB opens the file with plain database/sql, to look at it from outside the Store.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStep1OpenCreatesTheSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	openAt(t, path)

	rows, err := rawDB(t, path).Query(`SELECT name FROM pragma_table_info('todos') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		got = append(got, name)
	}
	want := []string{"id", "title", "completed", "sort_order", "created_at", "updated_at"}
	if !slices.Equal(got, want) {
		t.Fatalf("step 1: after Open, table todos has columns %v; want %v.\n"+
			"Open must apply the embedded migrations: call migrate(ctx, db) after the ping", got, want)
	}
}

func TestStep1OpenTurnsOnWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	openAt(t, path)

	var mode string
	if err := rawDB(t, path).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Fatalf("step 1: journal_mode of the file is %q; want \"wal\".\n"+
			"Open the file with sql.Open(\"sqlite3\", dsn(path)): dsn adds _journal_mode=WAL and the busy timeout", mode)
	}
}

func TestStep1OpenTwiceKeepsTheData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	first := openAt(t, path)
	if _, err := rawDB(t, path).Exec(
		`INSERT INTO todos (title, created_at, updated_at) VALUES ('kept', datetime(), datetime())`); err != nil {
		t.Fatalf("step 1: inserting a row by hand after Open: %v; Open must create the todos table", err)
	}
	first.Close()

	openAt(t, path) // a second Open must not apply the schema again
	var n int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM todos`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("step 1: after opening the file again, todos has %d rows; want the 1 row written before", n)
	}
}

func TestStep1OpenFailsClearlyOnABadPath(t *testing.T) {
	good := filepath.Join(t.TempDir(), "todo.db")
	openAt(t, good) // the positive half: a good path opens

	bad := filepath.Join(t.TempDir(), "no-such-dir", "todo.db")
	store, err := sqlite.Open(context.Background(), bad)
	if err == nil {
		store.Close()
		t.Fatalf("step 1: sqlite.Open(ctx, %q) succeeded; want an error, the folder does not exist.\n"+
			"Ping the database after sql.Open: sql.Open alone does not touch the file", bad)
	}
}
