package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// stageDirPattern matches the directory name of a stage, e.g. stage01-service.
var stageDirPattern = regexp.MustCompile(`^stage[0-9]{2}-[a-z0-9-]+$`)

// solutionsDir holds the solution twin of every stage, relative to the repository root.
const solutionsDir = "solutions"

// findRoot returns the first directory, from dir upwards, that holds a go.work file.
func findRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "go.work")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.work in %s or above it: run this inside the workshop repository", dir)
		}
	}
}

// A stage is one step of the workshop: the exercise module the learner edits
// and its solution twin.
type stage struct {
	name     string // directory name, e.g. stage01-service
	exercise module // <root>/<name>
	solution module // <root>/solutions/<name>
}

// A module is a directory holding a go.mod file.
type module struct {
	dir  string // absolute directory
	path string // module path from go.mod, or "" when go.mod is missing or has none
}

// findStages returns the stages of the repository at root, sorted by name:
// every stage directory at the root or under solutions/, so that a stage
// missing one of its twins is found too.
func findStages(root string) ([]stage, error) {
	var names []string
	for _, dir := range []string{root, filepath.Join(root, solutionsDir)} {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() && stageDirPattern.MatchString(e.Name()) && !slices.Contains(names, e.Name()) {
				names = append(names, e.Name())
			}
		}
	}
	slices.Sort(names)
	stages := make([]stage, len(names))
	for i, name := range names {
		stages[i] = stage{
			name:     name,
			exercise: readModule(filepath.Join(root, name)),
			solution: readModule(filepath.Join(root, solutionsDir, name)),
		}
	}
	return stages, nil
}

// selectStages returns the stages named in args, in repository order; no
// names select every stage. A name may be a stage's full name or its
// "stageNN" prefix, and may end in a slash (as shell completion leaves it).
func selectStages(all []stage, args []string) ([]stage, error) {
	if len(args) == 0 {
		return all, nil
	}
	for _, arg := range args {
		if !slices.ContainsFunc(all, func(s stage) bool { return s.isNamed(arg) }) {
			return nil, fmt.Errorf("no stage %q (stages: %s)", arg, strings.Join(stageNames(all), ", "))
		}
	}
	var chosen []stage
	for _, s := range all {
		if slices.ContainsFunc(args, s.isNamed) {
			chosen = append(chosen, s)
		}
	}
	return chosen, nil
}

// isNamed reports whether a command-line argument names stage s.
func (s stage) isNamed(arg string) bool {
	arg = strings.TrimSuffix(filepath.ToSlash(arg), "/")
	arg = strings.TrimPrefix(arg, solutionsDir+"/")
	return s.name == arg || s.name[:len("stageNN")] == arg
}

// stageNames returns the names of stages.
func stageNames(stages []stage) []string {
	names := make([]string, len(stages))
	for i, s := range stages {
		names[i] = s.name
	}
	return names
}

// readModule describes the module in dir; its path is "" when dir has no usable go.mod.
func readModule(dir string) module {
	m := module{dir: dir}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err == nil {
		m.path = modulePath(data)
	}
	return m
}

// modulePath returns the path on the module line of a go.mod file, or "".
func modulePath(gomod []byte) string {
	for _, fields := range directiveLines(gomod) {
		if fields[0] == "module" && len(fields) == 2 {
			return fields[1]
		}
	}
	return ""
}

// goWorkUses returns the directories a go.work file uses, relative to root,
// cleaned and with forward slashes ("." for the root itself).
func goWorkUses(root string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(root, "go.work"))
	if err != nil {
		return nil, err
	}
	var uses []string
	inBlock := false
	for _, fields := range directiveLines(data) {
		var dir string
		switch {
		case inBlock && fields[0] == ")":
			inBlock = false
			continue
		case inBlock:
			dir = fields[0]
		case fields[0] == "use" && len(fields) > 1 && fields[1] == "(":
			inBlock = true
			continue
		case fields[0] == "use" && len(fields) > 1:
			dir = fields[1]
		default:
			continue
		}
		rel, err := filepath.Rel(root, filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			return nil, err
		}
		uses = append(uses, filepath.ToSlash(rel))
	}
	return uses, nil
}

// directiveLines splits a go.mod or go.work file into the fields of its
// non-empty lines, with comments removed and quotes taken off each field.
// It is enough for module and use lines; it is not a full parser.
func directiveLines(data []byte) [][]string {
	var lines [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		fields := strings.Fields(line)
		for i, f := range fields {
			fields[i] = strings.Trim(f, "\"`")
		}
		if len(fields) > 0 {
			lines = append(lines, fields)
		}
	}
	return lines
}

// moduleDirs returns every directory below root (root included) that holds a
// go.mod, relative to root with forward slashes, skipping hidden directories
// and testdata.
func moduleDirs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (isHidden(d.Name()) || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			rel, err := filepath.Rel(root, filepath.Dir(path))
			if err != nil {
				return err
			}
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	return dirs, err
}

// listFiles returns the regular files below dir, relative to dir with forward
// slashes, sorted, skipping hidden files and directories and any directory
// for which skipDir returns true.
func listFiles(dir string, skipDir func(name string) bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == dir {
			return nil
		}
		if isHidden(d.Name()) || (d.IsDir() && skipDir != nil && skipDir(d.Name())) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// readmeTitle returns the first "# " heading of the README.md in dir, or "".
func readmeTitle(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		if title, ok := strings.CutPrefix(line, "# "); ok {
			return strings.TrimSpace(title)
		}
	}
	return ""
}

// isHidden reports whether a file name is hidden (a dotfile).
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".")
}

// isFile reports whether path names an existing regular file.
func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
