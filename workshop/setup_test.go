package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain warms the build cache once, before the fixture tests run in
// parallel: on a fresh cache each of them would otherwise build the
// standard library for vet, tests and the race detector at the same time.
func TestMain(m *testing.M) {
	if err := warmBuildCache(); err != nil {
		fmt.Fprintln(os.Stderr, "warming the build cache:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// warmBuildCache builds and vets a tiny test package, with and without -race.
func warmBuildCache() error {
	dir, err := os.MkdirTemp("", "workshop-warm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"go.mod":    "module example.com/warm\n\ngo 1.26.0\n",
		"w.go":      "package warm\n",
		"w_test.go": "package warm\n\nimport \"testing\"\n\nfunc TestW(t *testing.T) {}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	for _, args := range [][]string{
		{"vet", "."},
		{"test", "-count=1", "-run", "^$", "."},
		{"test", "-race", "-count=1", "-run", "^$", "."},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %v: %v\n%s", args, err, out)
		}
	}
	return nil
}
