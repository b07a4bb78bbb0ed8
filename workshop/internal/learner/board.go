package learner

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/guide"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// Status is the status command, the default one: the progress board. It
// shows how many steps of each stage pass and what to do next, running
// only the tests of the stages that changed since their last run (see
// record.go). It returns the exit status.
func Status(stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	if !s.preflight() {
		return exit.Fail
	}
	s.board(s.progressOf(context.Background(), s.stages, s.firstCandidate()))
	return exit.OK
}

// maxFailureLines caps the lines of a failing test shown under "test": the
// diagnosis, not a dump.
const maxFailureLines = 8

// board prints one line per stage and what to do next.
func (s *session) board(all []stageProgress) {
	c := s.color
	current, hasCurrent := currentStage(all, s.firstCandidate())
	started := false
	for _, p := range all {
		started = started || p.started()
	}

	fmt.Fprintln(s.out, c.bold("Go kit workshop: where you stand"))
	fmt.Fprintln(s.out)
	width := 0
	for _, p := range all {
		width = max(width, len(p.stage.Name))
	}
	for _, p := range all {
		mark, count := "[ ]", fmt.Sprintf("%d/%d steps", p.passedSteps(), len(p.steps))
		switch {
		case p.problem != "":
			mark, count = c.red("[!]"), c.red("does not build")
		case !p.ready():
			count = c.dim("no step tests yet")
		case p.notRun:
			count = "not started"
		case p.done():
			mark, count = c.green("[x]"), c.green(count)
		case hasCurrent && p.stage.Name == current.stage.Name:
			mark, count = c.yellow("[>]"), c.yellow(count)
		}
		fmt.Fprintf(s.out, "  %s %-*s  %s  %s\n", mark, width, p.stage.Name, pad(count, len("10/10 steps")), c.dim(shortTitle(p.stage)))
	}
	fmt.Fprintln(s.out)

	if here, ok := s.stageOfCwd(); ok {
		if i := slices.IndexFunc(all, func(p stageProgress) bool { return p.stage.Name == here.Name }); i >= 0 && all[i].done() {
			// The learner is in a finished stage's folder: the next stage
			// is theirs to start, not to be shown its first step.
			s.showDone(all[i], all)
			fmt.Fprintln(s.out)
			fmt.Fprintln(s.out, c.dim("More: "+s.self()+" watch | hint | diff <stage> | reset <stage> | help"))
			return
		}
	}
	if !hasCurrent {
		fmt.Fprintln(s.out, c.green("Every step of every stage passes. Well done!"))
		fmt.Fprintf(s.out, "Compare your code with the solutions: %s diff <stage>\n", s.self())
		return
	}
	if !started && current.stage.Name == all[0].stage.Name {
		// Nothing done yet: where to begin.
		first := current.stage
		fmt.Fprintf(s.out, "Start with %s: read %s from the top; each step below is a section of it.\n",
			c.bold(first.Name), s.rel(first.Exercise.Dir+"/README.md"))
		fmt.Fprintf(s.out, "Stuck? Ask for a hint, one level at a time: %s hint (then hint -level 2, -level 3).\n\n", s.self())
	}
	s.showNext(current, true)
	fmt.Fprintln(s.out)
	fmt.Fprintln(s.out, c.dim("More: "+s.self()+" watch | hint | diff <stage> | reset <stage> | help"))
}

// currentStage returns the current stage: the first, from the stage named
// from on (from the first when from is ""), that has something to do and
// whose steps do not all pass; else the first such stage before it.
func currentStage(all []stageProgress, from string) (stageProgress, bool) {
	start := max(0, slices.IndexFunc(all, func(p stageProgress) bool { return p.stage.Name == from }))
	for _, p := range slices.Concat(all[start:], all[:start]) {
		if p.ready() && !p.done() {
			return p, true
		}
	}
	return stageProgress{}, false
}

// showNext prints the next thing to do in stage p: the compile error, or the
// first step that does not pass, with where to read, its failing test and
// that test's diagnosis (briefly: its first lines), how to run the tests,
// and the command that gives a hint. Never a hint's text: hints come only
// when asked for.
func (s *session) showNext(p stageProgress, briefly bool) {
	c := s.color
	st := p.stage
	lines := maxFailureLines
	if !briefly {
		lines = repo.MaxExcerptLines
	}
	readme := st.Exercise.Dir + "/README.md"
	run := s.cdInto(st.Exercise.Dir) + guide.HowToRun(st.Exercise.Dir, "go test -failfast ./...")
	if p.problem != "" {
		fmt.Fprintf(s.out, "%s %s does not build (or its tests cannot start):\n", c.bold("Next:"), c.bold(st.Name))
		fmt.Fprintln(s.out, indent(capLines(p.problem, lines), "  "))
		fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("run "), run)
		return
	}
	step, ok := p.nextStep()
	if !ok {
		fmt.Fprintf(s.out, "%s every step of %s passes.\n", c.green("Done:"), st.Name)
		return
	}
	section, hasSection := guide.Find(guide.Read(st.Exercise.Dir), step.number)
	heading := "Step " + strconv.Itoa(step.number)
	where := s.rel(readme)
	if hasSection {
		heading = section.Heading
		where = fmt.Sprintf("%s:%d  (## %s)", where, section.Line, section.Heading)
	} else {
		where += "  (no section for this step yet: guide in progress)"
	}
	fmt.Fprintf(s.out, "%s %s, %s  %s\n", c.bold("Next:"), c.bold(st.Name), c.bold(heading),
		c.dim(fmt.Sprintf("(%d of %d steps pass)", p.passedSteps(), len(p.steps))))
	fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("read"), where)

	t := step.firstFailure()
	if t.Action == "" {
		fmt.Fprintf(s.out, "  %s  %s did not run (a test before it may have stopped the package)\n", c.cyan("test"), t.Name)
	} else {
		fmt.Fprintf(s.out, "  %s  %s %s\n", c.cyan("test"), t.Name, c.red("fails:"))
		if msg := failureText(t.Output); msg != "" {
			fmt.Fprintln(s.out, indent(capLines(msg, lines), "        "))
		}
	}
	if cmd, ok := stepCommand(st, t.Package, step.number); ok {
		run = s.cdInto(st.Exercise.Dir) + cmd
	}
	fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("run "), run)
	fmt.Fprintf(s.out, "  %s %s hint\n", c.cyan("stuck?"), s.self())
}

// stepCommand returns the command that runs the tests of step n alone, in
// the package of the exercise of st whose import path is pkg, e.g.
// "go test ./sqlite -run 'TestStep1'"; ok is false when pkg is not one of
// the exercise's.
func stepCommand(st repo.Stage, pkg string, n int) (cmd string, ok bool) {
	rel, ok := strings.CutPrefix(pkg, st.Exercise.Path)
	if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
		return "", false
	}
	return fmt.Sprintf("go test .%s -run 'TestStep%d'", rel, n), true
}

// showDone says that stage p is done, and names the stage to do next (the
// first after it, of all, whose steps do not all pass) and how to start it.
func (s *session) showDone(p stageProgress, all []stageProgress) {
	c := s.color
	fmt.Fprintf(s.out, "%s every step of %s passes. Compare with the solution: %s diff %s\n",
		c.green("Done:"), c.bold(p.stage.Name), s.self(), p.stage.Number())
	i := slices.IndexFunc(all, func(q stageProgress) bool { return q.stage.Name == p.stage.Name })
	for j, q := range slices.Concat(all[i+1:], all[:i]) {
		if q.ready() && !q.done() {
			label := "Next stage:"
			if j >= len(all)-i-1 { // past the last stage: one left behind
				label = "A stage not done yet:"
			}
			s.showStart(q.stage, label)
			return
		}
	}
	fmt.Fprintln(s.out, c.green("Every step of every stage passes. Well done!"))
}

// showStart names stage st, under label ("Next stage:"), and how to start
// it.
func (s *session) showStart(st repo.Stage, label string) {
	fmt.Fprintf(s.out, "%s %s (%s): read %s, then from its folder:\n", s.color.bold(label), s.color.bold(st.Name),
		shortTitle(st), s.rel(st.Exercise.Dir+"/README.md"))
	fmt.Fprintf(s.out, "  %s%s watch\n", s.cdInto(st.Exercise.Dir), s.selfFrom(st.Exercise.Dir))
}

// failureText returns the lines a failing test printed, without the common
// indentation go test adds.
func failureText(lines []string) string {
	trimmed := make([]string, 0, len(lines))
	for _, l := range lines {
		trimmed = append(trimmed, strings.TrimPrefix(l, "    "))
	}
	return strings.Join(trimmed, "\n")
}

// pad pads s with spaces to n visible characters (colour codes aside).
func pad(s string, n int) string {
	visible := len(ansiCode.ReplaceAllString(s, ""))
	if visible >= n {
		return s
	}
	return s + strings.Repeat(" ", n-visible)
}

// ansiCode matches an ANSI colour code.
var ansiCode = regexp.MustCompile("\x1b\\[[0-9;]*m")

// shortTitle returns the title of a stage's guide without its "Stage NN — ".
func shortTitle(st repo.Stage) string {
	return guide.Title(st.Exercise.Dir)
}
