package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// runStatus is the default command (also "status" and "start"): the progress
// board. It runs the tests of every stage, quietly, and shows how many steps
// of each pass and what to do next.
func runStatus(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: go run ./workshop [status]")
		return exitUsage
	}
	s := openSession(stdout, stderr)
	if s == nil {
		return exitFail
	}
	if !s.preflight() {
		return exitFail
	}
	s.board(s.testStages(context.Background(), s.stages))
	return exitOK
}

// maxFailureLines caps the lines of a failing test shown under "test".
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
		width = max(width, len(p.stage.name))
	}
	for _, p := range all {
		mark, count := "[ ]", fmt.Sprintf("%d/%d steps", p.passedSteps(), len(p.steps))
		switch {
		case p.problem != "":
			mark, count = c.red("[!]"), c.red("does not build")
		case !p.ready():
			count = c.dim("no step tests yet")
		case p.done():
			mark, count = c.green("[x]"), c.green(count)
		case hasCurrent && p.stage.name == current.stage.name:
			mark, count = c.yellow("[>]"), c.yellow(count)
		}
		fmt.Fprintf(s.out, "  %s %-*s  %s  %s\n", mark, width, p.stage.name, pad(count, len("10/10 steps")), c.dim(shortTitle(p.stage)))
	}
	fmt.Fprintln(s.out)

	if !hasCurrent {
		fmt.Fprintln(s.out, c.green("Every step of every stage passes. Well done!"))
		fmt.Fprintf(s.out, "Compare your code with the solutions: %s diff <stage>\n", s.self())
		return
	}
	if !started && current.stage.name == all[0].stage.name {
		// Nothing done yet: where to begin, as the old start command said.
		first := current.stage
		fmt.Fprintf(s.out, "Start with %s: read %s from the top; each step below is a section of it.\n",
			c.bold(first.name), s.rel(first.exercise.dir+"/README.md"))
		fmt.Fprintf(s.out, "Stuck? The finished stage is in %s.\n\n", s.rel(first.solution.dir))
	}
	s.showNext(current, true)
	fmt.Fprintln(s.out)
	fmt.Fprintln(s.out, c.dim("More: "+s.self()+" watch | hint | diff <stage> | reset <stage> | help"))
}

// currentStage returns the current stage: the first, from the stage named
// from on (from the first when from is ""), that has something to do and
// whose steps do not all pass; else the first such stage before it.
func currentStage(all []stageProgress, from string) (stageProgress, bool) {
	start := max(0, slices.IndexFunc(all, func(p stageProgress) bool { return p.stage.name == from }))
	for _, p := range slices.Concat(all[start:], all[:start]) {
		if p.ready() && !p.done() {
			return p, true
		}
	}
	return stageProgress{}, false
}

// showNext prints the next thing to do in stage p: the compile error, or the
// first step that does not pass, with its failing test, where to read, the
// hint (brief: its prose, the code folded away) and how to run the tests.
func (s *session) showNext(p stageProgress, briefly bool) {
	c := s.color
	st := p.stage
	readme := st.exercise.dir + "/README.md"
	run := s.cdInto(st.exercise.dir) + howToRun(st.exercise.dir, "go test -failfast ./...")
	if p.problem != "" {
		fmt.Fprintf(s.out, "%s %s does not build (or its tests cannot start):\n", c.bold("Next:"), c.bold(st.name))
		fmt.Fprintln(s.out, indent(capLines(p.problem, maxFailureLines), "  "))
		fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("run "), run)
		return
	}
	step, ok := p.nextStep()
	if !ok {
		fmt.Fprintf(s.out, "%s every step of %s passes.\n", c.green("Done:"), st.name)
		return
	}
	guide, hasGuide := guideStepNumber(readGuide(st.exercise.dir), step.number)
	heading := "Step " + strconv.Itoa(step.number)
	where := s.rel(readme)
	if hasGuide {
		heading = guide.heading
		where = fmt.Sprintf("%s:%d  (## %s)", where, guide.line, guide.heading)
	} else {
		where += "  (no section for this step yet: guide in progress)"
	}
	fmt.Fprintf(s.out, "%s %s, %s  %s\n", c.bold("Next:"), c.bold(st.name), c.bold(heading),
		c.dim(fmt.Sprintf("(%d of %d steps pass)", p.passedSteps(), len(p.steps))))
	fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("read"), where)

	t := step.firstFailure()
	if t.action == "" {
		fmt.Fprintf(s.out, "  %s  %s did not run (a test before it may have stopped the package)\n", c.cyan("test"), t.name)
	} else {
		fmt.Fprintf(s.out, "  %s  %s %s\n", c.cyan("test"), t.name, c.red("fails:"))
		if msg := failureText(t.output); msg != "" {
			fmt.Fprintln(s.out, indent(capLines(msg, maxFailureLines), "        "))
		}
	}
	if hasGuide && guide.hint != "" {
		hintCmd := fmt.Sprintf("%s hint %s %d", s.self(), st.name[:len("stageNN")], step.number)
		text := guide.hint
		if briefly {
			text = briefHint(text, hintCmd)
		}
		fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("hint"), strings.TrimLeft(indent(text, "        "), " "))
	}
	fmt.Fprintf(s.out, "  %s  %s\n", c.cyan("run "), run)
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

// capLines returns text cut to at most n lines, saying how many were left out.
func capLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n... (%d more lines: run the tests to see them all)", len(lines)-n)
}

// indent puts prefix before every non-empty line of text.
func indent(text, prefix string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
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

// stageNumberPrefix matches "Stage 01 — " at the start of a stage guide's title.
var stageNumberPrefix = regexp.MustCompile(`^Stage\s+[0-9]+\s*[—–:-]+\s*`)

// shortTitle returns the title of a stage's guide without its "Stage NN — ".
func shortTitle(st stage) string {
	return stageNumberPrefix.ReplaceAllString(readmeTitle(st.exercise.dir), "")
}
