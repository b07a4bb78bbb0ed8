package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
)

// hintUsage is the help text of the hint command.
const hintUsage = `usage: go run ./workshop hint [stage] [step]

Shows the folded hint of a step, from the stage's README.md ("## Step K"):
  hint                  the next step of the current stage (runs its tests):
                        the stage folder you are in, else the first stage
                        whose steps do not all pass
  hint stage02          the next step of stage02 (runs its tests)
  hint stage02 3        step 3 of stage02
  hint 3                step 3 of the current stage`

// runHint is the hint command: the hint of a step, taken from the stage
// guide so that the guide and the command never disagree.
func runHint(args []string, stdout, stderr io.Writer) int {
	if len(args) > 2 || (len(args) > 0 && isHelpFlag(args[0])) {
		fmt.Fprintln(stderr, hintUsage)
		if len(args) > 0 && isHelpFlag(args[0]) {
			return exitOK
		}
		return exitUsage
	}
	s := openSession(stdout, stderr)
	if s == nil {
		return exitFail
	}
	return s.hint(context.Background(), args)
}

// hint prints the hint that args ([stage] [step]) ask for.
func (s *session) hint(ctx context.Context, args []string) int {
	var st stage
	haveStage, step := false, 0
	for _, arg := range args {
		if n, err := strconv.Atoi(arg); err == nil && n > 0 && step == 0 {
			step = n
			continue
		}
		if haveStage {
			fmt.Fprintln(s.errOut, hintUsage)
			return exitUsage
		}
		var ok bool
		if st, ok = s.pickStage("hint", arg); !ok {
			return exitUsage
		}
		haveStage = true
	}
	// Every command checks cgo first; this one needs it only to run tests.
	cgoWorks := s.preflight()
	if !haveStage || step == 0 {
		// Which stage, or which step: the tests tell.
		if !cgoWorks {
			return exitFail
		}
		var p stageProgress
		if haveStage {
			p = s.testStage(ctx, st)
		} else {
			cur, ok := s.findCurrent(ctx, s.stages, s.firstCandidate())
			if !ok {
				fmt.Fprintln(s.out, "Every step of every stage passes: no hint needed. Name one to read it again: "+s.self()+" hint <stage> <step>")
				return exitOK
			}
			p = cur
		}
		st = p.stage
		if step == 0 {
			if p.problem != "" {
				fmt.Fprintf(s.out, "%s does not build yet: fix the compile error first.\n", st.name)
				s.showNext(p, false)
				return exitFail
			}
			next, ok := p.nextStep()
			if !ok {
				fmt.Fprintf(s.out, "Every step of %s passes. Name a step to read its hint again: %s hint %s <step>\n", st.name, s.self(), st.name[:len("stageNN")])
				return exitOK
			}
			step = next.number
		}
	}
	return s.printHint(st, step)
}

// printHint prints the hint of step n of stage st, and where it comes from.
func (s *session) printHint(st stage, n int) int {
	steps := readGuide(st.exercise.dir)
	readme := s.rel(st.exercise.dir + "/README.md")
	g, ok := guideStepNumber(steps, n)
	if !ok {
		fmt.Fprintf(s.errOut, "workshop hint: %s has no section \"## Step %d\"", readme, n)
		if len(steps) == 0 {
			fmt.Fprintln(s.errOut, " (no step sections: guide in progress?)")
		} else {
			fmt.Fprintf(s.errOut, " (its steps: %s)\n", stepNumbers(steps))
		}
		return exitFail
	}
	fmt.Fprintf(s.out, "%s, %s\n", s.color.bold(st.name), s.color.bold(g.heading))
	fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("from %s:%d", readme, g.line)))
	fmt.Fprintln(s.out)
	if g.hint == "" {
		fmt.Fprintln(s.out, "This step has no folded hint: read its section of the guide, and the failure message of its tests.")
		return exitOK
	}
	fmt.Fprintln(s.out, g.hint)
	return exitOK
}

// stepNumbers lists the numbers of steps, e.g. "1, 2, 3".
func stepNumbers(steps []guideStep) string {
	out := ""
	for i, g := range steps {
		if i > 0 {
			out += ", "
		}
		out += strconv.Itoa(g.number)
	}
	return out
}

// isHelpFlag reports whether arg asks for help.
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}
