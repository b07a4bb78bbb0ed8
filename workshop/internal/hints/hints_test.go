package hints

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sample = "# Stage 01 hints\n\nIntro, ignored.\n\n" +
	"## Step 1 — open\n\n" +
	"### Level 1\nRead `go doc database/sql.Open`.\n\n" +
	"### Level 2\n```go\n## Step 9 — not a heading\nfunc Open(ctx, path) (*Store, error)\n```\n\n" +
	"### Level 3\nThe code:\ncode: sqlite/sqlite.go Open\ncode:  sqlite/store.go   Store.Create\n\n" +
	"## Step 2\n\n### Level 1\nOnly one level.\n\n" +
	"## Check\n\n### Q1\nWhy?\n\n#### Answer\nBecause.\nTwo lines.\n\n### Q2\nNo answer.\n"

func TestParse(t *testing.T) {
	t.Parallel()
	f, err := Parse("h.md", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{
		Path:  "h.md",
		Title: "Stage 01 hints",
		Steps: []Step{{
			Number: 1, Line: 5,
			Levels: []Level{
				{Number: 1, Line: 7, Text: "Read `go doc database/sql.Open`."},
				{Number: 2, Line: 10, Text: "```go\n## Step 9 — not a heading\nfunc Open(ctx, path) (*Store, error)\n```"},
				{Number: 3, Line: 16, Text: "The code:", Refs: []Ref{
					{Path: "sqlite/sqlite.go", Name: "Open", Line: 18},
					{Path: "sqlite/store.go", Name: "Store.Create", Line: 19},
				}},
			},
		}, {
			Number: 2, Line: 21,
			Levels: []Level{{Number: 1, Line: 23, Text: "Only one level."}},
		}},
		Check: []Question{
			{Number: 1, Line: 28, Text: "Why?", Answer: "Because.\nTwo lines.", AnswerLine: 31},
			{Number: 2, Line: 35, Text: "No answer."},
		},
		CheckLine: 26,
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", f, want)
	}
	if s, ok := f.Step(2); !ok || s.Line != 21 {
		t.Errorf("Step(2) = %+v, %v", s, ok)
	}
	if _, ok := f.Steps[1].Level(2); ok {
		t.Errorf("step 2 has a level 2")
	}
	if f.Steps[0].Levels[2].Refs[1].String() != "sqlite/store.go Store.Create" {
		t.Errorf("Ref.String = %q", f.Steps[0].Levels[2].Refs[1])
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"## Step 1\n### Level 1\nx\n### Level 1\ny\n":        `h.md:4: a second "### Level 1" in step 1`,
		"## Step 1\n### Level 4\n":                           `h.md:2: "### Level 4": levels go from 1 to 3`,
		"### Level 1\n":                                      `h.md:1: "### Level 1" outside a "## Step K" section`,
		"## Step 1\n## Step 1\n":                             `h.md:2: a second "## Step 1" section`,
		"## Step 1\n### Level 2\ncode: a.go A\n":             `h.md:3: a code line outside "### Level 3"`,
		"## Step 1\n### Level 3\ncode: a.go\n":               `h.md:3: a code line is "code: <file of the solution> <Name or Type.Method>"`,
		"## Step 1\n### Hint\n":                              `h.md:2: unknown heading "### Hint"`,
		"## Step 1\nlost text\n### Level 1\n":                `h.md:2: text between the "## Step" heading and its first "### Level N"`,
		"## Check\n### Q1\nq\n#### Answer\na\n#### Answer\n": `h.md:6: a second "#### Answer" in Q1`,
		"## Step 1\n### Q1\n":                                `h.md:2: "### Q1" outside the "## Check" section`,
		"## Check\n#### Answer\n":                            `h.md:2: "#### Answer" outside a "### QK" question`,
		"## Check\n## Check\n":                               `h.md:2: a second "## Check" section`,
	} {
		if _, err := Parse("h.md", []byte(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", text, err, want)
		}
	}
}

const goFile = `package sqlite

import (
	"context"
	"database/sql"
	kithttp "github.com/go-kit/kit/transport/http"
	_ "github.com/mattn/go-sqlite3"
	"example.com/sol/todo"
)

// Open opens the database.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite3", path)
	_ = kithttp.NewServer
	return &Store{db: db}, err
}

// Store keeps todos.
type Store struct{ db *sql.DB }

// Create inserts t.
func (s *Store) Create(ctx context.Context, t todo.Todo) (todo.Todo, error) { return t, nil }

func (l List[T]) Len() int { return len(l) }

type List[T any] []T

const (
	// A is a.
	A = 1 // trailing
	B, C = 2, 3
)

var _ = 1

func init() {}
`

func TestDecls(t *testing.T) {
	t.Parallel()
	decls, err := Decls("store.go", []byte(goFile))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range decls {
		names = append(names, d.Name)
	}
	if want := []string{"Open", "Store", "Store.Create", "List.Len", "List", "A", "B", "C"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("Decls names = %q, want %q", names, want)
	}
	open := decls[0]
	if !strings.HasPrefix(open.Text, "// Open opens the database.\nfunc Open(") || !strings.HasSuffix(open.Text, "return &Store{db: db}, err\n}") {
		t.Errorf("Open's text = %q", open.Text)
	}
	if open.Text != goFile[open.Start:open.End] || open.Line != 11 || open.EndLine != 16 {
		t.Errorf("Open's span = %d-%d, lines %d-%d", open.Start, open.End, open.Line, open.EndLine)
	}
	wantImports := []Import{{Path: "context"}, {Path: "database/sql"}, {Name: "kithttp", Path: "github.com/go-kit/kit/transport/http"}}
	if !reflect.DeepEqual(open.Imports, wantImports) {
		t.Errorf("Open's imports = %v, want %v", open.Imports, wantImports)
	}
	if got := decls[2].Imports; !reflect.DeepEqual(got, []Import{{Path: "context"}, {Path: "example.com/sol/todo"}}) {
		t.Errorf("Store.Create's imports = %v", got)
	}
	if a := decls[5]; a.Text != "\t// A is a.\n\tA = 1 // trailing" {
		t.Errorf("A's text = %q", a.Text)
	}
	if b, c := decls[6], decls[7]; b.Text != "\tB, C = 2, 3" || b.Start != c.Start {
		t.Errorf("B and C = %q, %q", b.Text, c.Text)
	}
	if _, err := Decls("bad.go", []byte("package x\nfunc {")); err == nil {
		t.Errorf("Decls of a broken file: no error")
	}
}

func TestResolveAndMissingImports(t *testing.T) {
	t.Parallel()
	sol, ex := t.TempDir(), t.TempDir()
	for dir, text := range map[string]string{sol: goFile, ex: "package sqlite\n\nimport \"context\"\n"} {
		os.MkdirAll(filepath.Join(dir, "sqlite"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "sqlite", "store.go"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Resolve(sol, Ref{Path: "sqlite/store.go", Name: "Store.Create"})
	if err != nil || !strings.HasPrefix(d.Text, "// Create inserts t.\nfunc (s *Store) Create(") {
		t.Fatalf("Resolve = %q, %v", d.Text, err)
	}
	missing := MissingImports(d, filepath.Join(ex, "sqlite", "store.go"), "example.com/sol", "example.com/ex")
	if want := []Import{{Path: "example.com/ex/todo"}}; !reflect.DeepEqual(missing, want) {
		t.Errorf("MissingImports = %v, want %v", missing, want)
	}
	for ref, want := range map[Ref]string{
		{Path: "sqlite/store.go", Name: "Close"}:  "sqlite/store.go declares no Close (it declares: Open, Store, Store.Create, List.Len, List, A, B, C)",
		{Path: "sqlite/nope.go", Name: "Open"}:    "no such file",
		{Path: "../x.go", Name: "Open"}:           "inside the solution module",
		{Path: "sqlite/store.txt", Name: "Open"}:  "must be a .go file",
		{Path: "/sqlite/store.go", Name: "Open"}:  "inside the solution module",
		{Path: "sqlite/store.go", Name: "Create"}: "declares no Create",
	} {
		if _, err := Resolve(sol, ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve(%s) = %v, want an error with %q", ref, err, want)
		}
	}
}

func TestPackageName(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]string{
		"database/sql":                  "sql",
		"github.com/mattn/go-sqlite3":   "sqlite3",
		"gopkg.in/yaml.v3":              "yaml",
		"go.etcd.io/etcd/client/v3":     "client",
		"github.com/sony/gobreaker":     "gobreaker",
		"github.com/go-kit/kit/sd/lb":   "lb",
		"github.com/oklog/run":          "run",
		"example.com/x/todo-api":        "todo_api",
		"google.golang.org/grpc/status": "status",
	} {
		if got := PackageName(p); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestLoadConverted(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if got := Converted(root); got != nil {
		t.Errorf("Converted without a hints folder = %q", got)
	}
	if _, err := Load(root, "stage01-service"); !IsNotExist(err) {
		t.Errorf("Load of a stage without hints: %v, want a does-not-exist error", err)
	}
	os.MkdirAll(filepath.Join(root, Dir), 0o755)
	for _, name := range []string{"stage02-endpoints.md", "stage01-service.md", "stage01-service.ko.md", "stage01-service.pt-BR.md", "README.md", "notes.txt"} {
		os.WriteFile(filepath.Join(root, Dir, name), []byte(sample), 0o644)
	}
	if got, want := Converted(root), []string{"stage01-service", "stage02-endpoints"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Converted = %q, want %q", got, want)
	}
	if got, want := Languages(root, "stage01-service"), []string{"ko", "pt-BR"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Languages = %q, want %q", got, want)
	}
	if !IsConverted(root, "stage02-endpoints") || IsConverted(root, "stage03-http") {
		t.Errorf("IsConverted is wrong")
	}
	f, err := LoadLang(root, "stage01-service", "ko")
	if err != nil || f.Stage != "stage01-service" || f.Lang != "ko" || f.Path != filepath.Join(root, Dir, "stage01-service.ko.md") || len(f.Steps) != 2 {
		t.Errorf("LoadLang = %+v, %v", f, err)
	}
}
