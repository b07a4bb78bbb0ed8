package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

// migrations holds the schema as numbered .sql files, applied in order.
// To change the schema, add a file with the next number; never edit one that
// has shipped.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrate applies, in one transaction each, the migrations the database has
// not seen yet. The database's user_version pragma counts those it has.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)

	var applied int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&applied); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	for i := applied; i < len(names); i++ {
		if err := apply(ctx, db, names[i], i+1); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration file and records version as applied, atomically.
// The transaction is immediate (see dsn), so two processes opening a new file
// at once do not both apply it: the second waits, then sees the new version.
func apply(ctx context.Context, db *sql.DB, name string, version int) error {
	script, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // a no-op after Commit

	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current >= version { // another process got there first
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	// PRAGMA takes no parameters; version is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return err
	}
	return tx.Commit()
}
