package repo

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHashTree(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hash := func() string {
		t.Helper()
		h, err := HashTree(dir)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	write("go.mod", "module m\n")
	write("a/a.go", "package a\n")
	base := hash()
	// In this order: a nested module's go.mod before its code.
	for _, f := range []struct{ name, text string }{
		{"README.md", "notes"}, {"todo.db", "x"}, {"todo.db-wal", "x"}, {".a.go.swp", "x"}, {"a/a.go~", "x"},
		{"etcdlocal.data/member/wal", "x"}, {"nested/go.mod", "module n\n"}, {"nested/n.go", "package n\n"},
	} {
		write(f.name, f.text)
		if hash() != base {
			t.Errorf("writing %s changed the hash", f.name)
		}
	}
	write("a/a.go", "package a\r\n")
	if hash() != base {
		t.Errorf("\\r\\n line ends changed the hash")
	}
	write("a/a.go", "package a // changed\n")
	if hash() == base {
		t.Errorf("a changed file left the hash as it was")
	}
	write("a/a.go", "package a\n")
	write("a/testdata/in.json", "{}")
	if hash() == base {
		t.Errorf("a new testdata file left the hash as it was")
	}
}
