package learner

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// Limits of one run of a stage's tests for the progress board.
const (
	testTimeout = "60s"            // go test -timeout: a hanging test fails after this
	runTimeout  = 10 * time.Minute // the whole go test, a first compile of SQLite included
)

// A stepProgress is one step of a stage: its tests and how they did (a
// test that did not run has no action).
type stepProgress struct {
	number int
	tests  []repo.Test
}

// passed reports whether every test of the step passed.
func (s stepProgress) passed() bool {
	return len(s.tests) > 0 && !slices.ContainsFunc(s.tests, func(t repo.Test) bool { return t.Action != "pass" })
}

// firstFailure returns the test to show for a step that did not pass: the
// first that failed, else the first that did not run.
func (s stepProgress) firstFailure() repo.Test {
	if i := slices.IndexFunc(s.tests, func(t repo.Test) bool { return t.Action == "fail" }); i >= 0 {
		return s.tests[i]
	}
	if i := slices.IndexFunc(s.tests, func(t repo.Test) bool { return t.Action != "pass" }); i >= 0 {
		return s.tests[i]
	}
	return repo.Test{}
}

// A stageProgress is where a learner stands in one stage.
type stageProgress struct {
	stage   repo.Stage
	steps   []stepProgress // sorted by number
	problem string         // why the tests could not run (a build failure, a timeout): what go said
	notRun  bool           // the exercise is as shipped, and its tests were not run: not started
	unsure  bool           // the go command failed before testing (a download, the toolchain): not recorded
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
		if slices.ContainsFunc(s.tests, func(t repo.Test) bool { return t.Action == "pass" }) {
			return true
		}
	}
	return false
}

// testStage returns where the learner stands in stage st: what the record
// holds for it, when nothing it depends on changed since, else what a run
// of its tests says.
func (s *session) testStage(ctx context.Context, st repo.Stage) stageProgress {
	k := s.keyOf(st)
	if p, ok := s.record.recall(st, k.key); ok {
		return p
	}
	return s.runStage(ctx, st, k)
}

// runStage runs the step tests of the exercise of stage st, quietly,
// records what they say under key k, and returns where the learner stands
// in it.
func (s *session) runStage(ctx context.Context, st repo.Stage, k stageKey) stageProgress {
	declared, err := declaredStepTests(st.Exercise)
	if err != nil {
		return stageProgress{stage: st, problem: err.Error()}
	}
	s.goTests.Add(1)
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	out, err := s.goCmd.RunContext(ctx, st.Exercise.Dir, nil, "test", "-json", "-count=1", "-timeout", testTimeout, "./...")
	p := parseProgress(st, declared, out, err)
	if ctx.Err() != nil {
		p.problem = fmt.Sprintf("the tests did not finish within %s (%v)", runTimeout, ctx.Err())
		return p
	}
	if !p.unsure && k.key != "" {
		s.record.remember(p, k.key) // a record not written costs a run next time, nothing more
	}
	return p
}

// notStarted returns the progress of stage st as shipped, without a run:
// its declared step tests, none run.
func notStarted(st repo.Stage) stageProgress {
	declared, err := declaredStepTests(st.Exercise)
	if err != nil {
		return stageProgress{stage: st, problem: err.Error()}
	}
	return stageProgress{stage: st, steps: groupBySteps(declared), notRun: true}
}

// progressOf returns where the learner stands in every stage of stages, in
// order, running only the tests of the stages that need it: a stage whose
// key the record holds is recalled; a stage as shipped is not started
// (notStarted), unless it is the current stage (see currentStage, from
// the stage named from), whose failing test the board shows; every other
// stage runs (testStages).
func (s *session) progressOf(ctx context.Context, stages []repo.Stage, from string) []stageProgress {
	all := make([]stageProgress, len(stages))
	keys := make([]stageKey, len(stages))
	var wg sync.WaitGroup
	for i, st := range stages {
		wg.Go(func() { keys[i] = s.keyOf(st) })
	}
	wg.Wait()
	var toRun []int
	for i, st := range stages {
		if p, ok := s.record.recall(st, keys[i].key); ok {
			all[i] = p
		} else if s.untouched(st, keys[i]) {
			all[i] = notStarted(st)
		} else {
			toRun = append(toRun, i)
		}
	}
	s.testStages(ctx, stages, keys, all, toRun)
	if i := slices.IndexFunc(all, func(p stageProgress) bool { return p.stage.Name == from }); i >= 0 && all[i].done() {
		return all // the board says the stage is done, and names the next without its first step
	}
	if cur, ok := currentStage(all, from); ok && cur.notRun {
		i := slices.IndexFunc(stages, func(st repo.Stage) bool { return st.Name == cur.stage.Name })
		s.testStages(ctx, stages, keys, all, []int{i})
	}
	return all
}

// testStages runs the tests of the stages at indexes toRun of stages,
// whose keys are keys, and puts their progress in all, showing on the
// status line (on a terminal) how far it got. The first runs alone, so
// that it compiles what every stage shares (SQLite's C code) once; the
// others run up to half the CPUs at a time.
func (s *session) testStages(ctx context.Context, stages []repo.Stage, keys []stageKey, all []stageProgress, toRun []int) {
	if len(toRun) == 0 {
		return
	}
	var mu sync.Mutex
	finished := 0
	test := func(i int) {
		p := s.runStage(ctx, stages[i], keys[i])
		mu.Lock()
		defer mu.Unlock()
		all[i] = p
		finished++
		s.showStatus(fmt.Sprintf("testing %s: %d of %d done...", plural(len(toRun), "stage"), finished, len(toRun)))
	}
	s.showStatus(fmt.Sprintf("testing %s...", plural(len(toRun), "stage")))
	test(toRun[0])
	var wg sync.WaitGroup
	limit := make(chan struct{}, max(1, runtime.NumCPU()/2))
	for _, i := range toRun[1:] {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			test(i)
		})
	}
	wg.Wait()
	s.showStatus("")
}

// findCurrent tests stages in order until it finds the current stage (see
// currentStage), starting at the stage named from ("" for the first), and
// going round to the ones before it.
func (s *session) findCurrent(ctx context.Context, stages []repo.Stage, from string) (stageProgress, bool) {
	start := max(0, slices.IndexFunc(stages, func(st repo.Stage) bool { return st.Name == from }))
	defer s.showStatus("")
	for _, st := range slices.Concat(stages[start:], stages[:start]) {
		s.showStatus("testing " + st.Name + "...")
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
		return st.Name
	}
	return ""
}

// stepTestFunc matches the declaration of a step test in a _test.go file.
var stepTestFunc = regexp.MustCompile(`(?m)^func (TestStep([0-9]+)\w*)\(\s*\w+ \*testing\.T\s*\)`)

// declaredStepTests returns the step tests declared in the _test.go files
// of module m (its testdata, hidden directories and nested modules aside),
// each with the import path of its package, sorted by step. The board
// counts them before they run, so that a step whose package does not build
// still counts.
func declaredStepTests(m repo.Module) ([]repo.Test, error) {
	var tests []repo.Test
	err := filepath.WalkDir(m.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != m.Dir && (repo.IsHidden(d.Name()) || d.Name() == "testdata" || repo.IsFile(filepath.Join(p, "go.mod"))) {
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
		rel, err := filepath.Rel(m.Dir, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := m.Path
		if rel != "." {
			pkg = path.Join(m.Path, filepath.ToSlash(rel))
		}
		for _, match := range stepTestFunc.FindAllSubmatch(src, -1) {
			tests = append(tests, repo.Test{Package: pkg, Name: string(match[1])})
		}
		return nil
	})
	return tests, err
}

// parseProgress reads the go test -json output (and error) of a run of the
// exercise of st, whose step tests are declared; declared tests that did
// not run keep an empty action.
func parseProgress(st repo.Stage, declared []repo.Test, out string, runErr error) stageProgress {
	run := repo.ParseTestJSON(out)
	tests := slices.Clone(declared)
	for _, t := range run.Tests {
		if _, isStep := repo.StepOf(t.Name); !isStep {
			continue
		}
		i := slices.IndexFunc(tests, func(d repo.Test) bool { return d.Package == t.Package && d.Name == t.Name })
		if i < 0 {
			tests = append(tests, t)
		} else {
			tests[i] = t
		}
	}

	p := stageProgress{stage: st, steps: groupBySteps(tests)}
	// A go command that failed with no failed package or test failed before
	// testing anything.
	goFailed := runErr != nil && (run.Events == 0 || !run.Failed())
	p.unsure = run.Events == 0
	if run.Broken() || goFailed {
		p.problem = repo.Excerpt(run.Problems)
		if p.problem == "" && runErr != nil {
			p.problem = runErr.Error()
		}
	}
	return p
}

// groupBySteps groups step tests by their step number, in step order; the
// tests of a step keep their order.
func groupBySteps(tests []repo.Test) []stepProgress {
	var steps []stepProgress
	for _, t := range tests {
		n, _ := repo.StepOf(t.Name)
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
