package check

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/guide"
	"github.com/gokit-workshop/workshop/workshop/internal/hints"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// The number of check-yourself questions a converted stage has.
const (
	minQuestions = 3
	maxQuestions = 5
)

// stepMarker is a learner's TODO marker, with its stage and step numbers.
var stepMarker = regexp.MustCompile(`TODO\(stage([0-9]{2}), step ([0-9]+)\)`)

// detailsTag is a folded block of HTML, which a terminal shows unfolded.
var detailsTag = regexp.MustCompile(`(?i)<details[\s>]`)

// checkHints checks the hint file of stage s, if the stage is converted
// (hints/<stage>.md exists; else it is skipped): every step of the stage
// has its three levels; every code line names exactly one declaration of
// the solution; every exercise declaration with a TODO marker of step K is
// named by a code line of step K; the Check section has 3 to 5 questions
// with answers; the stage's README holds no <details>; and each
// translation of the hint file has the English file's structure.
func (v *verifier) checkHints(s repo.Stage) result {
	if !hints.IsConverted(v.root, s.Name) {
		return skip("not converted yet (no " + hints.Dir + "/" + s.Name + ".md): the README's folded hints serve")
	}
	f, err := hints.Load(v.root, s.Name)
	if err != nil {
		return fail("the hint file does not parse", v.relErr(err))
	}
	var problems []string
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	file := v.rel(f.Path)

	// Every step of the stage has its levels; every step of the file is a step of the stage.
	steps, err := v.stageSteps(s)
	if err != nil {
		return fail(err.Error(), "")
	}
	for _, n := range steps {
		step, ok := f.Step(n)
		if !ok {
			problem("%s has no \"## Step %d\" (the stage has steps %s)", file, n, joinInts(steps))
			continue
		}
		for l := 1; l <= hints.Levels; l++ {
			level, ok := step.Level(l)
			switch {
			case !ok:
				problem("%s:%d: step %d has no \"### Level %d\"", file, step.Line, n, l)
			case l == hints.Levels && len(level.Refs) == 0:
				problem("%s:%d: step %d, level %d has no code line (code: <file> <Name>)", file, level.Line, n, l)
			case l < hints.Levels && level.Text == "":
				problem("%s:%d: step %d, level %d is empty", file, level.Line, n, l)
			}
		}
	}
	for _, step := range f.Steps {
		if !slices.Contains(steps, step.Number) {
			problem("%s:%d: a hint for step %d, which the stage does not have (its steps: %s)", file, step.Line, step.Number, joinInts(steps))
		}
	}

	// Every code line names exactly one declaration of the solution.
	covered := map[int][]hints.Ref{} // by step: what its level 3 names
	for _, step := range f.Steps {
		level, _ := step.Level(hints.Levels)
		for _, ref := range level.Refs {
			if _, err := hints.Resolve(s.Solution.Dir, ref); err != nil {
				problem("%s:%d: %s", file, ref.Line, v.relErr(err))
			}
			covered[step.Number] = append(covered[step.Number], ref)
		}
	}

	// Every learner's declaration is in the level 3 of its step.
	todos, err := v.markedDecls(s)
	if err != nil {
		return fail(err.Error(), "")
	}
	for _, m := range todos {
		named := slices.ContainsFunc(covered[m.step], func(r hints.Ref) bool { return r.Path == m.file && r.Name == m.name })
		if !named {
			problem("%s/%s:%d: %s has a TODO of step %d, but no level %d code line of step %d names it (code: %s %s)",
				s.Name, m.file, m.line, m.name, m.step, hints.Levels, m.step, m.file, m.name)
		}
	}

	// Check yourself: 3 to 5 questions, numbered from 1, each with its answer.
	switch {
	case f.CheckLine == 0:
		problem("%s has no \"## Check\" section (%d to %d questions, each with \"#### Answer\")", file, minQuestions, maxQuestions)
	case len(f.Check) < minQuestions || len(f.Check) > maxQuestions:
		problem("%s:%d: the Check section has %d questions; it needs %d to %d", file, f.CheckLine, len(f.Check), minQuestions, maxQuestions)
	}
	for i, q := range f.Check {
		switch {
		case q.Number != i+1:
			problem("%s:%d: question Q%d is number %d of the Check section: number them Q1, Q2... in order", file, q.Line, q.Number, i+1)
		case q.Text == "":
			problem("%s:%d: Q%d has no question text", file, q.Line, q.Number)
		case q.AnswerLine == 0 || q.Answer == "":
			problem("%s:%d: Q%d has no answer (\"#### Answer\" and its text)", file, q.Line, q.Number)
		}
	}

	// The README folds nothing: a terminal would show it.
	readmes, err := filepath.Glob(filepath.Join(s.Exercise.Dir, "README*.md"))
	if err != nil {
		return fail(err.Error(), "")
	}
	for _, readme := range readmes {
		data, err := os.ReadFile(readme)
		if err != nil {
			return fail(err.Error(), "")
		}
		for i, line := range strings.Split(string(data), "\n") {
			if detailsTag.MatchString(line) {
				problem("%s:%d holds <details>, which a terminal does not fold: the hints of a converted stage live in %s only (%q)",
					v.rel(readme), i+1, file, strings.TrimSpace(line))
			}
		}
	}

	// Translations keep the English structure.
	langs := hints.Languages(v.root, s.Name)
	for _, lang := range langs {
		twin, err := hints.LoadLang(v.root, s.Name, lang)
		if err != nil {
			problem("%s", v.relErr(err))
			continue
		}
		if diff := structureDiff(f, twin); diff != "" {
			problem("%s does not keep the structure of %s: %s", v.rel(twin.Path), file, diff)
		}
	}

	if len(problems) > 0 {
		summary := strings.Join(problems[:min(3, len(problems))], "; ")
		if len(problems) > 3 {
			summary += fmt.Sprintf("; and %d more (below)", len(problems)-3)
		}
		return fail(summary, strings.Join(problems, "\n"))
	}
	note := fmt.Sprintf("%d steps, %d code lines, %d questions", len(f.Steps), countRefs(f), len(f.Check))
	if len(langs) > 0 {
		note += "; translations keep the structure: " + strings.Join(langs, ", ")
	}
	return passNote(note)
}

// stageSteps returns the step numbers of stage s, sorted: the "## Step K"
// sections of its guide and the TestStepK tests of its exercise.
func (v *verifier) stageSteps(s repo.Stage) ([]int, error) {
	var steps []int
	for _, g := range guide.Read(s.Exercise.Dir) {
		steps = append(steps, g.Number)
	}
	files, err := repo.ListFiles(s.Exercise.Dir, skipNonSource)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			continue
		}
		decls, err := hints.Decls(filepath.Join(s.Exercise.Dir, filepath.FromSlash(f)), nil)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %v", s.Name, f, err)
		}
		for _, d := range decls {
			if n, ok := repo.StepOf(d.Name); ok {
				steps = append(steps, n)
			}
		}
	}
	slices.Sort(steps)
	return slices.Compact(steps), nil
}

// A markedDecl is a declaration of an exercise that holds a learner's TODO.
type markedDecl struct {
	file string // relative to the exercise module, slash-separated
	name string // as a code line names it
	line int    // of the marker
	step int
}

// markedDecls returns the declarations of the exercise of s (test files
// aside) whose doc or body holds a TODO marker of the stage, once per step
// their markers name.
func (v *verifier) markedDecls(s repo.Stage) ([]markedDecl, error) {
	files, err := repo.ListFiles(s.Exercise.Dir, skipNonSource)
	if err != nil {
		return nil, err
	}
	stageNumber := strings.TrimPrefix(s.Number(), "stage")
	var marked []markedDecl
	for _, f := range files {
		if !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		decls, err := hints.Decls(filepath.Join(s.Exercise.Dir, filepath.FromSlash(f)), nil)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %v", s.Name, f, err)
		}
		for _, d := range decls {
			var seen []int
			for _, loc := range stepMarker.FindAllStringSubmatchIndex(d.Text, -1) {
				if d.Text[loc[2]:loc[3]] != stageNumber {
					continue
				}
				step, _ := strconv.Atoi(d.Text[loc[4]:loc[5]])
				if slices.Contains(seen, step) {
					continue
				}
				seen = append(seen, step)
				line := d.Line + strings.Count(d.Text[:loc[0]], "\n")
				marked = append(marked, markedDecl{file: f, name: d.Name, line: line, step: step})
			}
		}
	}
	return marked, nil
}

// skipNonSource reports whether a directory holds no source of the module:
// testdata.
func skipNonSource(name string) bool { return name == "testdata" }

// structureDiff returns the first difference between the structure of the
// English hint file en and its translation tr: steps, levels, code lines,
// questions and answers, in order; "" when they match.
func structureDiff(en, tr *hints.File) string {
	a, b := structure(en), structure(tr)
	for i := range max(len(a), len(b)) {
		switch {
		case i >= len(a):
			return fmt.Sprintf("it has %s, which the English has not", b[i])
		case i >= len(b):
			return fmt.Sprintf("it lacks %s", a[i])
		case a[i] != b[i]:
			return fmt.Sprintf("the English has %s where it has %s", a[i], b[i])
		}
	}
	return ""
}

// structure lists what a hint file holds, text aside.
func structure(f *hints.File) []string {
	var out []string
	for _, s := range f.Steps {
		out = append(out, fmt.Sprintf("step %d", s.Number))
		for _, l := range s.Levels {
			out = append(out, fmt.Sprintf("step %d, level %d", s.Number, l.Number))
			for _, r := range l.Refs {
				out = append(out, fmt.Sprintf("step %d, level %d, code: %s", s.Number, l.Number, r))
			}
		}
	}
	for _, q := range f.Check {
		out = append(out, fmt.Sprintf("check Q%d", q.Number))
		if q.AnswerLine != 0 {
			out = append(out, fmt.Sprintf("check Q%d, answer", q.Number))
		}
	}
	return out
}

// countRefs returns how many code lines f has.
func countRefs(f *hints.File) int {
	n := 0
	for _, s := range f.Steps {
		for _, l := range s.Levels {
			n += len(l.Refs)
		}
	}
	return n
}

// joinInts returns "1, 2, 3".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// relErr returns the text of err with the repository root taken out of the
// paths it names.
func (v *verifier) relErr(err error) string {
	return strings.ReplaceAll(err.Error(), v.root+string(filepath.Separator), "")
}
