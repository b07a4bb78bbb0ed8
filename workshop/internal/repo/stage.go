package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// stageDirPattern matches the directory name of a stage, e.g. stage01-service.
var stageDirPattern = regexp.MustCompile(`^stage[0-9]{2}-[a-z0-9-]+$`)

// SolutionsDir holds the solution twin of every stage, relative to the
// repository root.
const SolutionsDir = "solutions"

// A Stage is one step of the workshop: the exercise module the learner edits
// and its solution twin.
type Stage struct {
	Name     string // directory name, e.g. stage01-service
	Exercise Module // <root>/<name>
	Solution Module // <root>/solutions/<name>
}

// Number returns the "stageNN" prefix of the stage's name, which commands
// accept for it.
func (s Stage) Number() string { return s.Name[:len("stageNN")] }

// IsNamed reports whether a command-line argument names stage s: its full
// name or its "stageNN" prefix, with or without solutions/ before it and a
// slash after it (as shell completion leaves it).
func (s Stage) IsNamed(arg string) bool {
	arg = strings.TrimSuffix(filepath.ToSlash(arg), "/")
	arg = strings.TrimPrefix(arg, SolutionsDir+"/")
	return s.Name == arg || s.Number() == arg
}

// FindStages returns the stages of the repository at root, sorted by name:
// every stage directory at the root or under solutions/, so that a stage
// missing one of its twins is found too.
func FindStages(root string) ([]Stage, error) {
	var names []string
	for _, dir := range []string{root, filepath.Join(root, SolutionsDir)} {
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
	stages := make([]Stage, len(names))
	var wg sync.WaitGroup // each ReadModule runs the go command: in parallel, they take half the time
	for i, name := range names {
		stages[i].Name = name
		wg.Go(func() { stages[i].Exercise = ReadModule(filepath.Join(root, name)) })
		wg.Go(func() { stages[i].Solution = ReadModule(filepath.Join(root, SolutionsDir, name)) })
	}
	wg.Wait()
	return stages, nil
}

// SelectStages returns the stages named in args, in repository order; no
// names select every stage. See Stage.IsNamed for the names it accepts.
func SelectStages(all []Stage, args []string) ([]Stage, error) {
	if len(args) == 0 {
		return all, nil
	}
	for _, arg := range args {
		if !slices.ContainsFunc(all, func(s Stage) bool { return s.IsNamed(arg) }) {
			return nil, fmt.Errorf("no stage %q (stages: %s)", arg, strings.Join(StageNames(all), ", "))
		}
	}
	var chosen []Stage
	for _, s := range all {
		if slices.ContainsFunc(args, s.IsNamed) {
			chosen = append(chosen, s)
		}
	}
	return chosen, nil
}

// StageNames returns the names of stages.
func StageNames(stages []Stage) []string {
	names := make([]string, len(stages))
	for i, s := range stages {
		names[i] = s.Name
	}
	return names
}
