package check

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/hints"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// The visibility rule: no run of runLength or more consecutive Go tokens
// of the learner's part of the solution appears in what a learner sees
// without asking: the stage README read raw, the exercise's sources (code,
// comments, string literals), its tests and their failure messages.
//
// The learner's part is every solution declaration that the stage's hints
// name as an answer ("code:" lines of "### Level 3"), and every one whose
// exercise twin holds a TODO marker. Runs that also occur in code the
// learner is given anyway (the exercise's non-test code, the earlier
// stages' solutions) are idioms, not answers: they never count; nor do
// runs of bare syntax (keywords, operators, err, nil, ctx…).
const runLength = 7

// allowlistFile holds the accepted exceptions to the visibility rule,
// relative to the repository root.
const allowlistFile = "hints/visibility-allow.txt"

// A declRef names a top-level declaration of a solution module: the file
// (slash-separated, relative to the module) and the name, "Name" or
// "Type.Method".
type declRef struct {
	File string
	Name string
}

func (d declRef) String() string { return d.File + " " + d.Name }

// ---------------------------------------------------------------------------
// learnerDecls returns the solution declarations that the hints of stage
// give as the learner's answers: the code lines of its level 3 hints.
func learnerDecls(root, stage string) ([]declRef, error) {
	f, err := hints.Load(root, stage)
	if err != nil {
		return nil, err
	}
	var refs []declRef
	for _, step := range f.Steps {
		if level, ok := step.Level(hints.Levels); ok {
			for _, r := range level.Refs {
				refs = append(refs, declRef{File: r.Path, Name: r.Name})
			}
		}
	}
	return refs, nil
}

// A windowSet holds runs of runLength tokens, by their hash.
type windowSet map[uint64]struct{}

// windowSeed hashes the windows of one run of the command.
var windowSeed = maphash.MakeSeed()

// windowHash returns the hash of the runLength tokens toks.
func windowHash(toks []goToken) uint64 {
	var h maphash.Hash
	h.SetSeed(windowSeed)
	for _, t := range toks {
		h.WriteString(t.text)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// add adds every window of toks to the set.
func (ws windowSet) add(toks []goToken) {
	for i := 0; i+runLength <= len(toks); i++ {
		ws[windowHash(toks[i:i+runLength])] = struct{}{}
	}
}

// A finding is a run of the learner's part shown to the learner.
type finding struct {
	file string // relative to the exercise module, slash-separated
	line int
	toks []goToken
	from declRef // the solution declaration of its first window
}

func (f finding) String() string {
	text := joinTokens(f.toks)
	if r := []rune(text); len(r) > 60 {
		text = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%s:%d: %d tokens of %s %s: %s", f.file, f.line, len(f.toks), f.from.File, f.from.Name, text)
}

// checkVisibility checks the visibility rule on stage s, if it is
// converted; all is every stage of the repository (the earlier ones'
// solutions are code the learner is given).
func (v *verifier) checkVisibility(s repo.Stage, all []repo.Stage) result {
	entries, problems, err := readAllowlist(v.root, all)
	if err != nil {
		return fail(err.Error(), "")
	}
	problems = slices.DeleteFunc(problems, func(p allowProblem) bool { return p.stage != "" && p.stage != s.Name })
	entries = slices.DeleteFunc(entries, func(e allowEntry) bool { return e.stage != s.Name })
	if !hints.IsConverted(v.root, s.Name) {
		for _, e := range entries {
			problems = append(problems, allowProblem{s.Name, fmt.Sprintf("%s:%d: %s is not converted yet (no hints/%s.md): the rule does not apply there", allowlistFile, e.line, s.Name, s.Name)})
		}
		if len(problems) > 0 {
			return fail("bad allowlist entries", problemLines(problems))
		}
		return skip("not converted yet (no hints/" + s.Name + ".md)")
	}

	learner, stats, err := v.learnerWindows(s, all)
	if err != nil {
		return fail(err.Error(), "")
	}
	findings, err := findShown(s.Exercise.Dir, learner)
	if err != nil {
		return fail(err.Error(), "")
	}

	var shown []finding
	used := make([]bool, len(entries))
	allowed := 0
	for _, f := range findings {
		ok := false
		for i, e := range entries {
			if e.file == f.file && e.covers(f.toks) {
				used[i], ok = true, true
			}
		}
		if ok {
			allowed++
		} else {
			shown = append(shown, f)
		}
	}
	for i, e := range entries {
		if !used[i] {
			problems = append(problems, allowProblem{s.Name, fmt.Sprintf("%s:%d: stale: %s %q matches no run of the solution any more; remove the line", allowlistFile, e.line, e.file, e.text)})
		}
	}

	if len(shown) == 0 && len(problems) == 0 {
		return passNote(fmt.Sprintf("%d allowed; %d of %d windows of the learner's part are idioms", allowed, stats.provided+stats.syntax, stats.total))
	}
	var detail []string
	for _, f := range shown {
		detail = append(detail, f.String())
	}
	var why []string
	if len(shown) > 0 {
		why = append(why, fmt.Sprintf("%d %s of %d+ tokens of the solution shown (%d allowed)", len(shown), plural(len(shown), "run", "runs"), runLength, allowed))
		detail = append(detail, fmt.Sprintf("fix: state the contract instead of the code, or add to %s a line: %s <file> \"<the tokens>\" -- <reason>", allowlistFile, s.Name))
	}
	if len(problems) > 0 {
		why = append(why, "bad allowlist entries")
		detail = append(detail, problemLines(problems))
	}
	return fail(strings.Join(why, "; "), strings.Join(detail, "\n"))
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// windowStats counts the distinct windows of a learner's part.
type windowStats struct {
	total    int
	provided int // idioms: also in code the learner is given
	syntax   int // idioms: keywords, operators and commonNames only
}

// learnerWindows returns the windows of the learner's part of stage s, each
// with the declaration it comes from, idioms removed, and how many there
// were of each kind.
func (v *verifier) learnerWindows(s repo.Stage, all []repo.Stage) (learner map[uint64]declRef, stats windowStats, err error) {
	named, err := learnerDecls(v.root, s.Name)
	if err != nil {
		return nil, stats, err
	}
	marked, err := v.markedDecls(s)
	if err != nil {
		return nil, stats, err
	}
	refs := named
	for _, m := range marked {
		if d := (declRef{File: m.file, Name: m.name}); !slices.Contains(refs, d) {
			refs = append(refs, d)
		}
	}

	files := map[string]map[string][]byte{} // solution file → its declarations' code
	learner = map[uint64]declRef{}
	syntax := windowSet{} // windows of keywords, operators and the commonest names only
	for _, d := range refs {
		decls, ok := files[d.File]
		if !ok {
			src, err := os.ReadFile(filepath.Join(s.Solution.Dir, filepath.FromSlash(d.File)))
			if err != nil {
				return nil, stats, fmt.Errorf("hints/%s.md names %s: %v", s.Name, d, err)
			}
			if decls, err = declBodies(src); err != nil {
				return nil, stats, fmt.Errorf("%s: %v", d.File, err)
			}
			files[d.File] = decls
		}
		body, ok := decls[d.Name]
		if !ok {
			return nil, stats, fmt.Errorf("hints/%s.md names %s, which the solution does not declare", s.Name, d)
		}
		toks := scanCode(body)
		for i := 0; i+runLength <= len(toks); i++ {
			w := toks[i : i+runLength]
			h := windowHash(w)
			if _, dup := learner[h]; dup {
				continue
			}
			if _, dup := syntax[h]; dup {
				continue
			}
			if !slices.ContainsFunc(w, isNamed) {
				syntax[h] = struct{}{}
				continue
			}
			learner[h] = d
		}
	}

	given := []windowSet{}
	dirs := []string{s.Exercise.Dir}
	for _, earlier := range all {
		if earlier.Name < s.Name {
			dirs = append(dirs, earlier.Solution.Dir)
		}
	}
	for _, dir := range dirs {
		ws, err := v.codeWindows(dir)
		if err != nil {
			return nil, stats, err
		}
		given = append(given, ws)
	}
	stats.total, stats.syntax = len(learner)+len(syntax), len(syntax)
	for h := range learner {
		for _, ws := range given {
			if _, ok := ws[h]; ok {
				delete(learner, h)
				stats.provided++
				break
			}
		}
	}
	return learner, stats, nil
}

// commonNames are the names and literals that every Go body repeats: a
// window of them, keywords and operators says nothing of an answer
// (")) if err != nil {", "return 0, err }").
var commonNames = []string{"_", "err", "nil", "ok", "ctx", "true", "false", "0", "1", `""`}

// isNamed reports whether t names something or is a literal: neither a
// keyword, an operator nor one of commonNames.
func isNamed(t goToken) bool {
	if token.IsKeyword(t.text) || slices.Contains(commonNames, t.text) {
		return false
	}
	c := t.text[0]
	return c == '_' || c == '"' || c == '`' || c == '\'' || c == '.' && len(t.text) > 1 ||
		'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// codeWindows returns the windows of the code of the non-test Go files of
// the module in dir, reading them once per run of the check.
func (v *verifier) codeWindows(dir string) (windowSet, error) {
	if ws, ok := v.windows[dir]; ok {
		return ws, nil
	}
	files, err := goFiles(dir)
	if err != nil {
		return nil, err
	}
	ws := windowSet{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		ws.add(scanCode(src))
	}
	if v.windows == nil {
		v.windows = map[string]windowSet{}
	}
	v.windows[dir] = ws
	return ws, nil
}

// goFiles returns the .go files below dir, relative to it, testdata and
// hidden directories aside.
func goFiles(dir string) ([]string, error) {
	files, err := repo.ListFiles(dir, func(name string) bool { return name == "testdata" })
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(files, func(f string) bool { return !strings.HasSuffix(f, ".go") }), nil
}

// declBodies returns the code of each top-level declaration of Go source
// src by name: a function's body, a type's or a value's spec.
func declBodies(src []byte) (map[string][]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	bodies := map[string][]byte{}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Body != nil {
				bodies[hints.FuncName(d)] = src[off(d.Body.Lbrace)+1 : off(d.Body.Rbrace)]
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				code := src[off(spec.Pos()):off(spec.End())]
				switch sp := spec.(type) {
				case *ast.TypeSpec:
					bodies[sp.Name.Name] = code
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						bodies[n.Name] = code
					}
				}
			}
		}
	}
	return bodies, nil
}

// findShown returns the runs of learner's windows that the exercise in dir
// shows: in its README.md and README.ko.md read raw, and in every .go file
// (code, comments, string literals), sorted by file and line. Overlapping
// windows make one finding.
func findShown(dir string, learner map[uint64]declRef) ([]finding, error) {
	var findings []finding
	for _, name := range []string{"README.md", "README.ko.md"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		findings = append(findings, findRuns(name, scanProse(string(data), 0), learner)...)
	}
	files, err := goFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		for _, stream := range scanGoFile(src) {
			findings = append(findings, findRuns(f, stream, learner)...)
		}
	}
	slices.SortStableFunc(findings, func(a, b finding) int {
		if a.file != b.file {
			return strings.Compare(a.file, b.file)
		}
		return a.line - b.line
	})
	return findings, nil
}

// findRuns returns the runs of learner's windows in stream, which file shows.
func findRuns(file string, stream tokenStream, learner map[uint64]declRef) []finding {
	var found []finding
	end := -1 // end of the current run in stream, -1 when none
	start := 0
	var from declRef
	flush := func() {
		if end >= 0 {
			found = append(found, finding{file: file, line: stream[start].line, toks: stream[start:end], from: from})
			end = -1
		}
	}
	for i := 0; i+runLength <= len(stream); i++ {
		d, ok := learner[windowHash(stream[i:i+runLength])]
		if !ok {
			continue
		}
		if end >= 0 && i < end {
			end = i + runLength // overlaps the current run: extend it
			continue
		}
		flush()
		start, end, from = i, i+runLength, d
	}
	flush()
	return found
}

// An allowEntry is a line of the allowlist: a run a stage may show, and why.
type allowEntry struct {
	line   int
	stage  string
	file   string   // in the exercise, slash-separated
	text   string   // the tokens, as written
	toks   []string // their texts
	reason string
}

// covers reports whether the entry accepts the run toks: one holds the
// other, so that an entry may quote the whole passage or part of the run.
func (e allowEntry) covers(toks []goToken) bool {
	run := make([]string, len(toks))
	for i, t := range toks {
		run[i] = t.text
	}
	return containsRun(e.toks, run) || containsRun(run, e.toks)
}

// containsRun reports whether long holds short as consecutive elements.
func containsRun(long, short []string) bool {
	if len(short) == 0 {
		return false
	}
	for i := 0; i+len(short) <= len(long); i++ {
		if slices.Equal(long[i:i+len(short)], short) {
			return true
		}
	}
	return false
}

// An allowProblem is a bad allowlist line; stage is "" when it is every
// stage's problem.
type allowProblem struct {
	stage string
	text  string
}

// problemLines returns the texts of problems, one a line.
func problemLines(problems []allowProblem) string {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.text
	}
	return strings.Join(lines, "\n")
}

// readAllowlist reads the allowlist of the repository at root, whose stages
// are all: its entries and its bad lines. A missing allowlist is empty.
//
// A line is: <stage dir> <file in the exercise> "<tokens>" -- <reason>,
// the tokens a Go string literal; blank lines and lines starting with #
// are skipped.
func readAllowlist(root string, all []repo.Stage) ([]allowEntry, []allowProblem, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(allowlistFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	var entries []allowEntry
	var problems []allowProblem
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(stage, why string) {
			problems = append(problems, allowProblem{stage, fmt.Sprintf("%s:%d: %s", allowlistFile, n, why)})
		}
		stage, rest, _ := strings.Cut(line, " ")
		file, rest, _ := strings.Cut(strings.TrimSpace(rest), " ")
		rest = strings.TrimSpace(rest)
		quoted, err := strconv.QuotedPrefix(rest)
		if file == "" || err != nil {
			bad("", `want <stage dir> <file in the exercise> "<the tokens>" -- <reason>`)
			continue
		}
		if !slices.ContainsFunc(all, func(s repo.Stage) bool { return s.Name == stage }) {
			bad("", "no stage "+stage)
			continue
		}
		text, _ := strconv.Unquote(quoted)
		reason, hasSep := strings.CutPrefix(strings.TrimSpace(rest[len(quoted):]), "--")
		reason = strings.TrimSpace(reason)
		if !hasSep || reason == "" {
			bad(stage, fmt.Sprintf("%s %q has no reason: add -- <why the learner may see it>", file, text))
			continue
		}
		var toks []string
		for _, t := range scanProse(text, 0) {
			toks = append(toks, t.text)
		}
		if len(toks) < runLength {
			bad(stage, fmt.Sprintf("%s %q has %d tokens: an entry quotes a run of %d or more", file, text, len(toks), runLength))
			continue
		}
		entries = append(entries, allowEntry{line: n, stage: stage, file: path.Clean(file), text: text, toks: toks, reason: reason})
	}
	return entries, problems, sc.Err()
}
