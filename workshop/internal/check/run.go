package check

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// Verify is the verify command: the maintainer check of the repository
// holding the working directory, restricted to the stages named in
// stageArgs (every stage when none). It returns the exit status.
func Verify(stageArgs []string, stdout, stderr io.Writer) int {
	root, err := repo.FindRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exit.Fail
	}
	all, err := repo.FindStages(root)
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exit.Fail
	}
	if _, err := repo.SelectStages(all, stageArgs); err != nil {
		fmt.Fprintln(stderr, "workshop verify:", err)
		return exit.Usage
	}
	if _, failed := Run(root, stageArgs, stdout, os.Environ()); failed > 0 {
		return exit.Fail
	}
	return exit.OK
}

// About describes the verify command, for its -h.
const About = `The maintainer check, in this order:
  cgo works (else it stops with the fix: go-sqlite3 needs it);
  go.work uses every module of the repository;
  for every stage (or the stages named, e.g. stage01-service or stage01):
    the solution passes go vet and go test -race; the exercise compiles and
    every step test fails as shipped; the solution's code laid over the
    exercise passes the exercise's tests; exercise and solution files match
    but for the module path; a converted stage (hints/<stage>.md) has
    every step's three hint levels, code lines that name the solution and
    every TODO of their step, 3 to 5 check questions, no <details> in its
    README, and translations of the same structure, and shows no run of 7
    tokens of the learner's part of the solution in its README or sources
    (exceptions: hints/visibility-allow.txt); both modules build and are
    tidy with GOWORK=off; no module imports an exercise;
  the generated protobuf code is current (every module with .proto files,
    or those the stages named use), with the tools of tools/protobuf;
  gofmt is clean (the whole repository, or the stages named);
  the workshop command's own tests pass (only when no stage is named).
It prints one line per check, then "N passed, N failed", and exits with
status 1 when a check failed.`

// recursionGuard is set, to the repository root, in the environment of the
// workshop command's own tests when verify runs them, so that they can never
// run verify on that repository again.
const recursionGuard = "WORKSHOP_VERIFY_ROOT"

// Run runs the maintainer check of the repository at root on the stages
// named in stageArgs (every stage when none), with its commands in env;
// it writes one line per check and a closing line to out, and returns how
// many checks passed and failed.
func Run(root string, stageArgs []string, out io.Writer, env []string) (passed, failed int) {
	v := newVerifier(root, out, env)
	v.run(stageArgs)
	return v.passed, v.failed
}

// A verifier runs the checks of one repository and reports them.
type verifier struct {
	root   string
	out    io.Writer
	env    []string // environment of every command it runs
	goCmd  repo.Go
	width  int // width of the label column
	passed int
	failed int

	windows map[string]windowSet // the code windows of a module, by directory (visibility.go)
}

// newVerifier returns a verifier of the repository at root whose commands
// run in env and whose report goes to out.
func newVerifier(root string, out io.Writer, env []string) *verifier {
	return &verifier{
		root:  root,
		out:   out,
		env:   env,
		goCmd: repo.NewGo(root, env),
		width: len("repo"),
	}
}

// run runs the checks in order: cgo, go.work, each stage, gofmt, and the
// workshop command's own tests.
func (v *verifier) run(stageArgs []string) {
	defer func() { fmt.Fprintf(v.out, "%d passed, %d failed\n", v.passed, v.failed) }()

	if guard := repo.Getenv(v.env, recursionGuard); guard != "" && repo.SameDir(guard, v.root) {
		v.report("repo", "verify", fail("already running inside a verify of this repository (the workshop command's own tests must not verify the real repository)", ""))
		return
	}
	all, err := repo.FindStages(v.root)
	if err != nil {
		v.report("repo", "find stages", fail(err.Error(), ""))
		return
	}
	stages, err := repo.SelectStages(all, stageArgs)
	if err != nil {
		v.report("repo", "find stages", fail(err.Error(), ""))
		return
	}
	for _, s := range stages {
		v.width = max(v.width, len(s.Name))
	}
	noun := "stages"
	if len(stages) == 1 {
		noun = "stage"
	}
	fmt.Fprintf(v.out, "workshop verify: checking %d %s in %s: %s\n", len(stages), noun, v.root, strings.Join(repo.StageNames(stages), ", "))

	if !v.report("repo", "cgo: enabled, and a C compiler answers", v.checkCgo()) {
		return // go-sqlite3 fails for the wrong reason without cgo: nothing else is worth running
	}
	// go.work next: a directory it uses without a go.mod breaks every go command.
	if r, broken := checkGoWork(v.root); !v.report("repo", "modules: go.work lists every module", r) && broken {
		return
	}
	for _, s := range stages {
		v.verifyStage(s, all)
	}
	v.verifyProtobuf(stageArgs, stages)

	wholeRepo := len(stageArgs) == 0
	formatDirs := []string{v.root}
	if !wholeRepo {
		formatDirs = nil
		for _, s := range stages {
			formatDirs = append(formatDirs, s.Exercise.Dir, s.Solution.Dir)
		}
	}
	v.report("repo", "gofmt: every .go file is formatted", v.checkFormat(formatDirs))
	if wholeRepo && repo.IsFile(filepath.Join(v.root, "workshop", "go.mod")) {
		v.report("repo", "workshop: the workshop command's own tests pass", v.checkSelfTests())
	}
}

// verifyStage runs the checks of one stage, in order. all is every stage of
// the repository, whose exercises no module may import.
func (v *verifier) verifyStage(s repo.Stage, all []repo.Stage) {
	if r := v.checkLayout(s); r.status == statusFail {
		v.report(s.Name, "layout: exercise and solution modules", r)
		return
	}
	v.report(s.Name, "solution: vet and tests with -race", v.checkSolution(s))
	if v.report(s.Name, "exercise: compiles (vet, test -run '^$')", v.checkExerciseCompiles(s)) {
		v.report(s.Name, "exercise: step tests fail as shipped", v.checkStepsFail(s))
	} else {
		v.report(s.Name, "exercise: step tests fail as shipped", skip("the compile check failed"))
	}
	v.report(s.Name, "solvable: the solution's code passes the exercise's tests", v.checkSolvable(s))
	v.report(s.Name, "twins: exercise and solution files match", v.checkTwins(s))
	v.report(s.Name, "hints: every step has its levels; code lines name the solution", v.checkHints(s))
	v.report(s.Name, "visibility: no 7-token run of the solution shown", v.checkVisibility(s, all))
	v.report(s.Name, "modules: build and go mod tidy -diff with GOWORK=off", v.checkStandalone(s))
	v.report(s.Name, "modules: no exercise imported", v.checkImports(s, all))
	// Generated protobuf code is checked once per module that holds .proto
	// files, after the stages: verifyProtobuf (protobuf.go).
}

// checkLayout checks that both twins of stage s are modules with distinct paths.
func (v *verifier) checkLayout(s repo.Stage) result {
	var problems []string
	for _, m := range []repo.Module{s.Exercise, s.Solution} {
		if m.Path == "" {
			problems = append(problems, "no go.mod with a module line in "+v.rel(m.Dir))
		}
	}
	if len(problems) == 0 && s.Exercise.Path == s.Solution.Path {
		problems = append(problems, "exercise and solution have the same module path "+s.Exercise.Path)
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), "")
	}
	return pass()
}

// rel returns path relative to the repository root, with forward slashes.
func (v *verifier) rel(path string) string {
	if rel, err := filepath.Rel(v.root, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}
