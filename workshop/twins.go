package main

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// todoMarker marks a learner's body in an exercise: // TODO(stageNN, step K): what to do.
var todoMarker = regexp.MustCompile(`TODO\(stage[0-9]{2}`)

// checkTwins checks that exercise and solution of stage s hold the same
// files, that every test file and every TODO-free exercise file is identical
// to its twin but for the module path, and that the solution has no TODO marker.
func (v *verifier) checkTwins(s stage) result {
	exFiles, err := twinFiles(s.exercise.dir)
	if err != nil {
		return fail(err.Error(), "")
	}
	solFiles, err := twinFiles(s.solution.dir)
	if err != nil {
		return fail(err.Error(), "")
	}
	var differ, onlyEx, onlySol, todos, detail []string
	for _, f := range exFiles {
		if !slices.Contains(solFiles, f) {
			onlyEx = append(onlyEx, f)
		}
	}
	for _, f := range solFiles {
		sol, err := os.ReadFile(filepath.Join(s.solution.dir, f))
		if err != nil {
			return fail(err.Error(), "")
		}
		if line := markerLine(sol); line > 0 {
			todos = append(todos, fmt.Sprintf("%s:%d", f, line))
		}
		if !slices.Contains(exFiles, f) {
			onlySol = append(onlySol, f)
			continue
		}
		ex, err := os.ReadFile(filepath.Join(s.exercise.dir, f))
		if err != nil {
			return fail(err.Error(), "")
		}
		if !strings.HasSuffix(f, "_test.go") && todoMarker.Match(ex) {
			continue // the learner's file: it differs by design
		}
		sol = rewritePath(sol, s.solution.path, s.exercise.path)
		if !bytes.Equal(ex, sol) {
			differ = append(differ, f)
			detail = append(detail, firstDifference(f, ex, sol))
		}
	}

	var problems []string
	if len(differ) > 0 {
		problems = append(problems, "differ but for the module path: "+strings.Join(differ, ", "))
	}
	if len(onlyEx) > 0 {
		problems = append(problems, "only in the exercise: "+strings.Join(onlyEx, ", "))
	}
	if len(onlySol) > 0 {
		problems = append(problems, "only in the solution: "+strings.Join(onlySol, ", "))
	}
	if len(todos) > 0 {
		problems = append(problems, "TODO marker left in the solution: "+strings.Join(todos, ", "))
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), strings.Join(detail, "\n"))
	}
	return pass()
}

// twinFiles returns the files of a stage tree that must have a twin in the
// other tree: every file but go.mod, go.sum, README*.md and hidden ones.
func twinFiles(dir string) ([]string, error) {
	files, err := listFiles(dir, nil)
	return slices.DeleteFunc(files, func(f string) bool {
		base := path.Base(f)
		return base == "go.mod" || base == "go.sum" ||
			(strings.HasPrefix(base, "README") && strings.HasSuffix(base, ".md"))
	}), err
}

// rewritePath replaces the module path from with to wherever it stands as a
// whole path or a path prefix (followed by "/", a quote, a space...), not
// where it is only the start of a longer name.
func rewritePath(text []byte, from, to string) []byte {
	if from == "" {
		return text
	}
	var b bytes.Buffer
	for {
		i := bytes.Index(text, []byte(from))
		if i < 0 {
			b.Write(text)
			return b.Bytes()
		}
		end := i + len(from)
		partOfLonger := (i > 0 && (isNameByte(text[i-1]) || text[i-1] == '.')) ||
			(end < len(text) && isNameByte(text[end]))
		b.Write(text[:i])
		if partOfLonger {
			b.WriteString(from)
		} else {
			b.WriteString(to)
		}
		text = text[end:]
	}
}

// isNameByte reports whether c may continue an element of a module path.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '~'
}

// markerLine returns the number of the first line holding a TODO marker, or 0.
func markerLine(data []byte) int {
	loc := todoMarker.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]], []byte("\n")) + 1
}

// firstDifference describes the first line where the exercise's and the
// (rewritten) solution's versions of file f differ.
func firstDifference(f string, ex, sol []byte) string {
	exLines := strings.Split(string(ex), "\n")
	solLines := strings.Split(string(sol), "\n")
	i := 0
	for i < len(exLines) && i < len(solLines) && exLines[i] == solLines[i] {
		i++
	}
	return fmt.Sprintf("%s, line %d:\n  exercise: %s\n  solution: %s", f, i+1, lineAt(exLines, i), lineAt(solLines, i))
}

// lineAt returns lines[i] quoted and shortened for display, or "(end of file)".
func lineAt(lines []string, i int) string {
	if i >= len(lines) {
		return "(end of file)"
	}
	line := lines[i]
	if len(line) > 150 {
		line = line[:150] + "..."
	}
	return fmt.Sprintf("%q", line)
}
