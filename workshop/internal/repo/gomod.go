package repo

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A Module is a directory holding a go.mod file.
type Module struct {
	Dir  string // absolute directory
	Path string // module path from go.mod, or "" when go.mod is missing or has none
}

// ReadModule describes the module in dir; its path is "" when dir has no
// usable go.mod.
func ReadModule(dir string) Module {
	m := Module{Dir: dir}
	if mod, err := ReadGoMod(dir); err == nil {
		m.Path = mod.Module.Path
	}
	return m
}

// GoMod is the part of a go.mod file that the workshop command reads, as
// go mod edit -json prints it.
type GoMod struct {
	Module struct {
		Path string
	}
	Require []struct {
		Path    string
		Version string
	}
	Replace []struct {
		Old, New struct {
			Path    string
			Version string
		}
	}
}

// ReadGoMod reads the go.mod file in dir with go mod edit -json. Measured
// on two loaded cores: FindStages's twelve calls, in parallel, add about
// 0.03 s to a command, against a board of about 50 s: no reason to parse
// go.mod by hand.
func ReadGoMod(dir string) (GoMod, error) {
	var mod GoMod
	err := editJSON(dir, "mod", filepath.Join(dir, "go.mod"), &mod)
	return mod, err
}

// GoWork is the part of a go.work file that the workshop command reads, as
// go work edit -json prints it.
type GoWork struct {
	Go        string
	Toolchain string // e.g. "go1.26.3"; "" when go.work has no toolchain line
	Use       []struct {
		DiskPath string
	}
}

// ReadGoWork reads the go.work file at root with go work edit -json.
func ReadGoWork(root string) (GoWork, error) {
	var work GoWork
	file := filepath.Join(root, "go.work")
	if err := editJSON(root, "work", file, &work); err != nil {
		return work, err
	}
	// go work edit -json leaves the toolchain line out (Go 1.26 prints Go,
	// Use and Replace only): that one line is read here.
	data, err := os.ReadFile(file)
	if err != nil {
		return work, err
	}
	for line := range strings.Lines(string(data)) {
		if fields := strings.Fields(line); len(fields) >= 2 && fields[0] == "toolchain" {
			work.Toolchain = fields[1]
		}
	}
	return work, nil
}

// WorkUses returns the directories the go.work at root uses, relative to
// root, cleaned and with forward slashes ("." for the root itself).
func WorkUses(root string) ([]string, error) {
	work, err := ReadGoWork(root)
	if err != nil {
		return nil, err
	}
	var uses []string
	for _, u := range work.Use {
		rel, err := filepath.Rel(root, filepath.Join(root, filepath.FromSlash(u.DiskPath)))
		if err != nil {
			return nil, err
		}
		uses = append(uses, filepath.ToSlash(rel))
	}
	return uses, nil
}

// editJSON runs go <kind> edit -json on file, in dir, and decodes what it
// prints into v. The file is named, so the go command reads that one and
// never looks for another above it.
func editJSON(dir, kind, file string, v any) error {
	if !IsFile(file) {
		return &missingFileError{file}
	}
	cmd := exec.Command("go", kind, "edit", "-json", file)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			return &goError{args: "go " + kind + " edit -json " + file, stderr: string(ee.Stderr)}
		}
		return err
	}
	return json.Unmarshal(out, v)
}

// A missingFileError says that a go.mod or go.work file is not there.
type missingFileError struct{ file string }

func (e *missingFileError) Error() string { return "open " + e.file + ": no such file" }

// A goError is a go command that failed, with what it said.
type goError struct{ args, stderr string }

func (e *goError) Error() string { return e.args + ": " + e.stderr }
