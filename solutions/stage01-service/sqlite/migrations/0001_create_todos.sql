-- The todos table. Times are stored by go-sqlite3 as text (DATETIME columns
-- are read back as time.Time); sort_order holds Todo.Order ("order" is an
-- SQL keyword).
CREATE TABLE todos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT     NOT NULL,
    completed  BOOLEAN  NOT NULL DEFAULT 0,
    sort_order INTEGER  NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE INDEX todos_sort ON todos (sort_order, id);
