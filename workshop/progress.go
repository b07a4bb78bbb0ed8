package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limits of one run of a stage's tests for the progress board.
const (
	testTimeout = "60s"            // go test -timeout: a hanging test fails after this
	runTimeout  = 10 * time.Minute // the whole go test, a first compile of SQLite included
)

// A testOutcome is what one top-level step test did in a run.
type testOutcome struct {
	pkg    string   // import path of its package
	name   string   // e.g. TestStep2InsertReturnsTheTodoWithAnID
	action string   // "pass", "fail", "skip", or "" when it did not run
	output []string // what it (and its subtests) printed, without go test's own markers
}

// A stepProgress is one step of a stage: its tests and how they did.
type stepProgress struct {
	number int
	tests  []testOutcome
}

// passed reports whether every test of the step passed.
func (s stepProgress) passed() bool {
	return len(s.tests) > 0 && !slices.ContainsFunc(s.tests, func(t testOutcome) bool { return t.action != "pass" })
}

// firstFailure returns the test to show for a step that did not pass: the
// first that failed, else the first that did not run.
func (s stepProgress) firstFailure() testOutcome {
	if i := slices.IndexFunc(s.tests, func(t testOutcome) bool { return t.action == "fail" }); i >= 0 {
		return s.tests[i]
	}
	if i := slices.IndexFunc(s.tests, func(t testOutcome) bool { return t.action != "pass" }); i >= 0 {
		return s.tests[i]
	}
	return testOutcome{}
}

// A stageProgress is where a learner stands in one stage.
type stageProgress struct {
	stage   stage
	steps   []stepProgress // sorted by number
	problem string         // why the tests could not run (a build failure, a timeout): what go said
}

// passedSteps returns how many steps passed.
func (p stageProgress) passedSteps() int {
	n := 0
	for _, s := range p.steps {
		if s.passed() {
			n++
		}
	}
	return n
}

// done reports whether every step of the stage passes.
func (p stageProgress) done() bool {
	return p.problem == "" && len(p.steps) > 0 && p.passedSteps() == len(p.steps)
}

// ready reports whether the stage has anything for a learner to do: step
// tests, or code that does not build.
func (p stageProgress) ready() bool {
	return p.problem != "" || len(p.steps) > 0
}

// nextStep returns the first step that does not pass.
func (p stageProgress) nextStep() (stepProgress, bool) {
	for _, s := range p.steps {
		if !s.passed() {
			return s, true
		}
	}
	return stepProgress{}, false
}

// started reports whether anything passes in the stage.
func (p stageProgress) started() bool {
	for _, s := range p.steps {
		if slices.ContainsFunc(s.tests, func(t testOutcome) bool { return t.action == "pass" }) {
			return true
		}
	}
	return false
}

// testStage runs the step tests of the exercise of stage st, quietly, and
// returns where the learner stands in it.
func (s *session) testStage(ctx context.Context, st stage) stageProgress {
	declared, err := declaredStepTests(st.exercise)
	if err != nil {
		return stageProgress{stage: st, problem: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	out, err := s.goCmd.runContext(ctx, st.exercise.dir, nil, "test", "-json", "-count=1", "-timeout", testTimeout, "./...")
	p := parseProgress(st, declared, out, err)
	if ctx.Err() != nil {
		p.problem = fmt.Sprintf("the tests did not finish within %s (%v)", runTimeout, ctx.Err())
	}
	return p
}

// testStages tests each of stages and returns their progress, in order,
// showing on the status line (on a terminal) how far it got. The first
// stage runs alone, so that it compiles what every stage shares (SQLite's C
// code) once; the others run up to half the CPUs at a time.
func (s *session) testStages(ctx context.Context, stages []stage) []stageProgress {
	all := make([]stageProgress, len(stages))
	var mu sync.Mutex
	finished := 0
	test := func(i int) {
		p := s.testStage(ctx, stages[i])
		mu.Lock()
		defer mu.Unlock()
		all[i] = p
		finished++
		s.showStatus(fmt.Sprintf("testing %s: %d of %d done...", plural(len(stages), "stage"), finished, len(stages)))
	}
	s.showStatus(fmt.Sprintf("testing %s...", plural(len(stages), "stage")))
	if len(stages) > 0 {
		test(0)
	}
	var wg sync.WaitGroup
	limit := make(chan struct{}, max(1, runtime.NumCPU()/2))
	for i := 1; i < len(stages); i++ {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			test(i)
		})
	}
	wg.Wait()
	s.showStatus("")
	return all
}

// findCurrent tests stages in order until it finds the current stage (see
// currentStage), starting at the stage named from ("" for the first), and
// going round to the ones before it.
func (s *session) findCurrent(ctx context.Context, stages []stage, from string) (stageProgress, bool) {
	start := max(0, slices.IndexFunc(stages, func(st stage) bool { return st.name == from }))
	defer s.showStatus("")
	for _, st := range slices.Concat(stages[start:], stages[:start]) {
		s.showStatus("testing " + st.name + "...")
		p := s.testStage(ctx, st)
		if ctx.Err() != nil {
			break
		}
		if p.ready() && !p.done() {
			return p, true
		}
	}
	return stageProgress{}, false
}

// firstCandidate returns the name of the stage the search for the current
// stage starts at: the stage folder the learner is in, as the README has
// them work from there, or "" (the first stage) elsewhere. A learner who
// skipped a stage to keep up with the room works in the next one.
func (s *session) firstCandidate() string {
	if st, ok := s.stageOfCwd(); ok {
		return st.name
	}
	return ""
}

// stepTestFunc matches the declaration of a step test in a _test.go file.
var stepTestFunc = regexp.MustCompile(`(?m)^func (TestStep([0-9]+)\w*)\(\s*\w+ \*testing\.T\s*\)`)

// declaredStepTests returns the step tests declared in the _test.go files
// of module m (its testdata, hidden directories and nested modules aside),
// each with the import path of its package, sorted by step.
func declaredStepTests(m module) ([]testOutcome, error) {
	var tests []testOutcome
	err := filepath.WalkDir(m.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != m.dir && (isHidden(d.Name()) || d.Name() == "testdata" || isFile(filepath.Join(p, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(m.dir, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := m.path
		if rel != "." {
			pkg = path.Join(m.path, filepath.ToSlash(rel))
		}
		for _, match := range stepTestFunc.FindAllSubmatch(src, -1) {
			tests = append(tests, testOutcome{pkg: pkg, name: string(match[1])})
		}
		return nil
	})
	return tests, err
}

// runEvent is one line of go test -json (see go doc test2json); build
// output comes with ImportPath instead of Package.
type runEvent struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
}

// parseProgress reads the go test -json output (and error) of a run of the
// exercise of st, whose step tests are declared; tests that did not run keep
// an empty action.
func parseProgress(st stage, declared []testOutcome, out string, runErr error) stageProgress {
	tests := slices.Clone(declared)
	find := func(pkg, name string) int {
		i := slices.IndexFunc(tests, func(t testOutcome) bool { return t.pkg == pkg && t.name == name })
		if i < 0 {
			tests = append(tests, testOutcome{pkg: pkg, name: name})
			i = len(tests) - 1
		}
		return i
	}
	var text strings.Builder               // build output, package output, go command errors
	var failedPkgs []string                // packages that failed
	pkgWithFailedTest := map[string]bool{} // packages in which some test failed
	events := 0
	for line := range strings.Lines(out) {
		var ev runEvent
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &ev) != nil {
			text.WriteString(line)
			continue
		}
		events++
		top, _, _ := strings.Cut(ev.Test, "/")
		switch {
		case ev.Action == "build-output":
			text.WriteString(ev.Output)
		case ev.Test == "":
			if ev.Action == "output" {
				text.WriteString(ev.Output)
			} else if ev.Action == "fail" {
				failedPkgs = append(failedPkgs, ev.Package)
			}
		default:
			if ev.Action == "fail" {
				pkgWithFailedTest[ev.Package] = true
			}
			if !stepTestName.MatchString(top) {
				continue
			}
			i := find(ev.Package, top)
			switch {
			case ev.Action == "output" && !isTestMarker(ev.Output):
				tests[i].output = append(tests[i].output, strings.TrimRight(ev.Output, "\r\n"))
			case ev.Test == top && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip"):
				tests[i].action = ev.Action
			}
		}
	}

	p := stageProgress{stage: st, steps: groupBySteps(tests)}
	// A package that failed with no failing test did not build, or broke
	// before its tests ran (a panic in init or TestMain); a go command that
	// failed with no failed package or test failed before testing anything.
	brokenPkg := slices.ContainsFunc(failedPkgs, func(pkg string) bool { return !pkgWithFailedTest[pkg] })
	goFailed := runErr != nil && (events == 0 || (len(failedPkgs) == 0 && len(pkgWithFailedTest) == 0))
	if brokenPkg || goFailed {
		p.problem = excerpt(text.String())
		if p.problem == "" && runErr != nil {
			p.problem = runErr.Error()
		}
	}
	return p
}

// isTestMarker reports whether a line of test output is one of go test's own
// markers (=== RUN, --- PASS, ...) rather than something a test printed.
func isTestMarker(line string) bool {
	t := strings.TrimSpace(line)
	for _, prefix := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS", "--- FAIL", "--- SKIP"} {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return t == ""
}

// groupBySteps groups step tests by their step number, in step order; the
// tests of a step keep their order.
func groupBySteps(tests []testOutcome) []stepProgress {
	var steps []stepProgress
	for _, t := range tests {
		n, _ := strconv.Atoi(stepTestName.FindStringSubmatch(t.name)[1])
		i := slices.IndexFunc(steps, func(s stepProgress) bool { return s.number == n })
		if i < 0 {
			steps = append(steps, stepProgress{number: n})
			i = len(steps) - 1
		}
		steps[i].tests = append(steps[i].tests, t)
	}
	slices.SortStableFunc(steps, func(a, b stepProgress) int { return a.number - b.number })
	return steps
}
