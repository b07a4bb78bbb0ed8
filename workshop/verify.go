package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// runVerify is the verify subcommand: the maintainer check of the repository
// holding the working directory, restricted to the stages named in args.
func runVerify(args []string, stdout, stderr io.Writer) int {
	for _, arg := range args {
		switch {
		case arg == "-h" || arg == "-help" || arg == "--help":
			fmt.Fprintln(stdout, verifyUsage)
			return exitOK
		case strings.HasPrefix(arg, "-"):
			fmt.Fprintf(stderr, "workshop verify: unknown flag %s\n%s\n", arg, verifyUsage)
			return exitUsage
		}
	}
	root, err := findRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exitFail
	}
	all, err := findStages(root)
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exitFail
	}
	if _, err := selectStages(all, args); err != nil {
		fmt.Fprintln(stderr, "workshop verify:", err)
		return exitUsage
	}
	if _, failed := verify(root, args, stdout); failed > 0 {
		return exitFail
	}
	return exitOK
}

const verifyUsage = `usage: go run ./workshop verify [stage ...]

The maintainer check, in this order:
  cgo works (else it stops with the fix: go-sqlite3 needs it);
  go.work uses every module of the repository;
  for every stage (or the stages named, e.g. stage01-service or stage01):
    the solution passes go vet and go test -race; the exercise compiles and
    every step test fails as shipped; the solution's code laid over the
    exercise passes the exercise's tests; exercise and solution files match
    but for the module path; both modules build and are tidy with
    GOWORK=off; no module imports an exercise;
  the generated protobuf code is current (every module with .proto files,
    or those the stages named use; needs protoc and the plugins);
  gofmt is clean (the whole repository, or the stages named);
  the workshop command's own tests pass (only when no stage is named).
It prints one line per check, then "N passed, N failed", and exits with
status 1 when a check failed.`

// recursionGuard is set, to the repository root, in the environment of the
// workshop command's own tests when verify runs them, so that they can never
// run verify on that repository again.
const recursionGuard = "WORKSHOP_VERIFY_ROOT"

// verify runs the maintainer check of the repository at root on the stages
// named in stageArgs (every stage when none), writes one line per check and
// a closing line to out, and returns how many checks passed and failed.
func verify(root string, stageArgs []string, out io.Writer) (passed, failed int) {
	v := newVerifier(root, out, os.Environ())
	v.run(stageArgs)
	return v.passed, v.failed
}

// A verifier runs the checks of one repository and reports them.
type verifier struct {
	root   string
	out    io.Writer
	env    []string // environment of every command it runs
	goCmd  goRunner
	width  int // width of the label column
	passed int
	failed int
}

// newVerifier returns a verifier of the repository at root whose commands
// run in env and whose report goes to out.
func newVerifier(root string, out io.Writer, env []string) *verifier {
	return &verifier{
		root:  root,
		out:   out,
		env:   env,
		goCmd: goRunner{env: env, gowork: filepath.Join(root, "go.work")},
		width: len("repo"),
	}
}

// run runs the checks in order: cgo, go.work, each stage, gofmt, and the
// workshop command's own tests.
func (v *verifier) run(stageArgs []string) {
	defer func() { fmt.Fprintf(v.out, "%d passed, %d failed\n", v.passed, v.failed) }()

	if guard := getenv(v.env, recursionGuard); guard != "" && sameDir(guard, v.root) {
		v.report("repo", "verify", fail("already running inside a verify of this repository (the workshop command's own tests must not verify the real repository)", ""))
		return
	}
	all, err := findStages(v.root)
	if err != nil {
		v.report("repo", "find stages", fail(err.Error(), ""))
		return
	}
	stages, err := selectStages(all, stageArgs)
	if err != nil {
		v.report("repo", "find stages", fail(err.Error(), ""))
		return
	}
	for _, s := range stages {
		v.width = max(v.width, len(s.name))
	}
	fmt.Fprintf(v.out, "workshop verify: checking %s in %s: %s\n", plural(len(stages), "stage"), v.root, strings.Join(stageNames(stages), ", "))

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
			formatDirs = append(formatDirs, s.exercise.dir, s.solution.dir)
		}
	}
	v.report("repo", "gofmt: every .go file is formatted", v.checkFormat(formatDirs))
	if wholeRepo && isFile(filepath.Join(v.root, "workshop", "go.mod")) {
		v.report("repo", "workshop: the workshop command's own tests pass", v.checkSelfTests())
	}
}

// verifyStage runs the checks of one stage, in order. all is every stage of
// the repository, whose exercises no module may import.
func (v *verifier) verifyStage(s stage, all []stage) {
	if r := v.checkLayout(s); r.status == statusFail {
		v.report(s.name, "layout: exercise and solution modules", r)
		return
	}
	v.report(s.name, "solution: vet and tests with -race", v.checkSolution(s))
	if v.report(s.name, "exercise: compiles (vet, test -run '^$')", v.checkExerciseCompiles(s)) {
		v.report(s.name, "exercise: step tests fail as shipped", v.checkStepsFail(s))
	} else {
		v.report(s.name, "exercise: step tests fail as shipped", skip("the compile check failed"))
	}
	v.report(s.name, "solvable: the solution's code passes the exercise's tests", v.checkSolvable(s))
	v.report(s.name, "twins: exercise and solution files match", v.checkTwins(s))
	v.report(s.name, "modules: build and go mod tidy -diff with GOWORK=off", v.checkStandalone(s))
	v.report(s.name, "modules: no exercise imported", v.checkImports(s, all))
	// Generated protobuf code is checked once per module that holds .proto
	// files, after the stages: verifyProtobuf (protobuf.go).
}

// checkLayout checks that both twins of stage s are modules with distinct paths.
func (v *verifier) checkLayout(s stage) result {
	var problems []string
	for _, m := range []module{s.exercise, s.solution} {
		if m.path == "" {
			problems = append(problems, "no go.mod with a module line in "+v.rel(m.dir))
		}
	}
	if len(problems) == 0 && s.exercise.path == s.solution.path {
		problems = append(problems, "exercise and solution have the same module path "+s.exercise.path)
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), "")
	}
	return pass()
}

// Statuses of a check, as printed at the start of its line.
const (
	statusOK   = "ok"
	statusFail = "FAIL"
	statusSkip = "skip" // not run, not counted
)

// A result is the outcome of one check.
type result struct {
	status  string
	summary string // why it failed or was skipped (or a note), printed on the check's line
	detail  string // output that shows what broke, printed indented below it
}

// pass is the result of a check that passed.
func pass() result { return result{status: statusOK} }

// passNote is the result of a check that passed, with a note on what it saw.
func passNote(note string) result { return result{status: statusOK, summary: note} }

// fail is the result of a failed check: why on its line, what broke below it.
func fail(summary, detail string) result { return result{statusFail, summary, detail} }

// skip is the result of a check that was not run, and why.
func skip(why string) result { return result{status: statusSkip, summary: why} }

// report prints the line of a check and counts it; it returns false when the check failed.
func (v *verifier) report(label, check string, r result) bool {
	line := fmt.Sprintf("%-4s %-*s  %s", r.status, v.width, label, check)
	if r.summary != "" {
		line += ": " + r.summary
	}
	fmt.Fprintln(v.out, line)
	if r.detail != "" {
		for l := range strings.Lines(r.detail) {
			fmt.Fprintln(v.out, "      "+strings.TrimRight(l, "\r\n"))
		}
	}
	switch r.status {
	case statusOK:
		v.passed++
	case statusFail:
		v.failed++
	}
	return r.status != statusFail
}

// rel returns path relative to the repository root, with forward slashes.
func (v *verifier) rel(path string) string {
	if rel, err := filepath.Rel(v.root, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// sameDir reports whether paths a and b name the same existing directory.
func sameDir(a, b string) bool {
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB)
}

// plural returns n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// getenv returns the value of key in env (the last one wins), or "".
func getenv(env []string, key string) string {
	for _, kv := range slices.Backward(env) {
		if value, ok := strings.CutPrefix(kv, key+"="); ok {
			return value
		}
	}
	return ""
}
