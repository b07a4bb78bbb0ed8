package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
)

// Step 1: open the database (README, "Step 1").

// stuck ends every failure message of step k with the command that gives its hints.
func stuck(k int) string {
	return fmt.Sprintf("(stuck? go run ../workshop hint stage01 %d)", k)
}

// openAt opens a Store at path or ends the test: every later step needs step 1.
func openAt(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("step 1: sqlite.Open(ctx, %q) = %v\n"+
			"want a Store on a new file in a folder that exists; steps 2 and 3 need it too: finish step 1 first %s",
			path, err, stuck(1))
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
			"A new file has no schema: Open must apply the embedded migrations (migrate.go) before it returns %s",
			got, want, stuck(1))
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
			"The file's connections did not get the settings dsn(path) holds: without WAL and the busy timeout, "+
			"two handles on one file block each other and fail with \"database is locked\" %s",
			mode, stuck(1))
	}
}

func TestStep1OpenTwiceKeepsTheData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	first := openAt(t, path)
	if _, err := rawDB(t, path).Exec(
		`INSERT INTO todos (title, created_at, updated_at) VALUES ('kept', datetime(), datetime())`); err != nil {
		t.Fatalf("step 1: inserting a row by hand after Open: %v; want the todos table to exist after Open %s", err, stuck(1))
	}
	first.Close()

	openAt(t, path) // a second Open must not apply the schema again
	var n int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM todos`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("step 1: after opening the file again, todos has %d rows; want the 1 row written before.\n"+
			"Opening an existing file must keep its data: migrate applies only what the file has not seen %s", n, stuck(1))
	}
}

// A file Open cannot open must fail at Open, and say so: the error names the
// path and blames the file, not the schema, so whoever reads the log looks
// in the right place.
func TestStep1OpenBlamesTheFileItCannotOpen(t *testing.T) {
	openAt(t, filepath.Join(t.TempDir(), "todo.db")) // the positive half: a good path opens

	dir := t.TempDir()
	notADB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notADB, []byte(strings.Repeat("not a database\n", 20)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, path string }{
		{"a file in a folder that does not exist", filepath.Join(dir, "no-such-dir", "todo.db")},
		{"a file that is not a database", notADB},
	} {
		store, err := sqlite.Open(context.Background(), c.path)
		if err == nil {
			store.Close()
			t.Fatalf("step 1: sqlite.Open(ctx, %q), %s, succeeded; want an error at Open, not at the first call %s",
				c.path, c.what, stuck(1))
		}
		if want := "open " + c.path + ": "; !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("step 1: sqlite.Open(ctx, …), %s, = %q\n"+
				"want an error that starts %q and then gives the driver's reason.\n"+
				"The file could not be opened, and the error blames something else: an operator who reads it "+
				"looks at the wrong thing (the schema, say) while the path is what is wrong %s",
				c.what, err, want, stuck(1))
		}
	}

	_, err := sqlite.Open(context.Background(), notADB)
	if se := (sqlite3.Error{}); !errors.As(err, &se) || se.Code != sqlite3.ErrNotADB {
		t.Fatalf("step 1: sqlite.Open(ctx, …) on a file that is not a database = %v\n"+
			"want an error whose chain holds the driver's sqlite3.Error with code ErrNotADB: the driver's error "+
			"was lost on the way (kept as text at best), so a caller cannot inspect it with errors.As %s", err, stuck(1))
	}
}

// A file whose schema cannot be applied fails at Open too, blaming the schema.
func TestStep1OpenBlamesASchemaThatDoesNotApply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	// Someone else's table of the same name: migration 1 cannot create it.
	if _, err := rawDB(t, path).Exec(`CREATE TABLE todos (something_else TEXT)`); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), path)
	if err == nil {
		store.Close()
		t.Fatalf("step 1: sqlite.Open(ctx, %q) on a file whose todos table is someone else's succeeded;\n"+
			"want the migration's error: Open must apply the migrations and return their error %s", path, stuck(1))
	}
	if want := "migrate " + path + ": "; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("step 1: sqlite.Open(ctx, …) on a file whose schema does not apply = %q\n"+
			"want an error that starts %q: the file opened, the schema is what failed %s", err, want, stuck(1))
	}
}
