package learner

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/guide"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// HintArgs is the synopsis of the hint command's arguments.
const HintArgs = "[stage] [step]"

// HintAbout describes the hint command, for its -h.
const HintAbout = `Shows the folded hint of a step, from the stage's README.md ("## Step K"):
  hint                  the next step of the current stage (runs its tests):
                        the stage folder you are in, else the first stage
                        whose steps do not all pass
  hint stage02          the next step of stage02 (runs its tests)
  hint stage02 3        step 3 of stage02
  hint 3                step 3 of the current stage`

// Hint is the hint command: the hint of the step that args ([stage]
// [step], in either order) name, or of the next step. It returns the exit
// status.
func Hint(args []string, stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	return s.hint(context.Background(), args)
}

// hint prints the hint that args ([stage] [step]) ask for.
func (s *session) hint(ctx context.Context, args []string) int {
	var st repo.Stage
	haveStage, step := false, 0
	for _, arg := range args {
		if n, err := strconv.Atoi(arg); err == nil && n > 0 && step == 0 {
			step = n
			continue
		}
		if haveStage {
			fmt.Fprintf(s.errOut, "workshop hint: two stages named (%s, %s): name one, and a step if you like\n", st.Name, arg)
			return exit.Usage
		}
		var ok bool
		if st, ok = s.pickStage("hint", arg); !ok {
			return exit.Usage
		}
		haveStage = true
	}
	// Every command checks cgo first; this one needs it only to run tests.
	cgoWorks := s.preflight()
	if !haveStage || step == 0 {
		// Which stage, or which step: the tests tell.
		if !cgoWorks {
			return exit.Fail
		}
		var p stageProgress
		if haveStage {
			p = s.testStage(ctx, st)
		} else {
			cur, ok := s.findCurrent(ctx, s.stages, s.firstCandidate())
			if !ok {
				fmt.Fprintln(s.out, "Every step of every stage passes: no hint needed. Name one to read it again: "+s.self()+" hint <stage> <step>")
				return exit.OK
			}
			p = cur
		}
		st = p.stage
		if step == 0 {
			if p.problem != "" {
				fmt.Fprintf(s.out, "%s does not build yet: fix the compile error first.\n", st.Name)
				s.showNext(p, false)
				return exit.Fail
			}
			next, ok := p.nextStep()
			if !ok {
				fmt.Fprintf(s.out, "Every step of %s passes. Name a step to read its hint again: %s hint %s <step>\n", st.Name, s.self(), st.Number())
				return exit.OK
			}
			step = next.number
		}
	}
	return s.printHint(st, step)
}

// printHint prints the hint of step n of stage st, and where it comes from.
func (s *session) printHint(st repo.Stage, n int) int {
	sections := guide.Read(st.Exercise.Dir)
	section, ok := guide.Find(sections, n)
	if !ok {
		fmt.Fprintf(s.errOut, "workshop hint: %s has no section \"## Step %d\"", s.rel(st.Exercise.Dir+"/README.md"), n)
		if len(sections) == 0 {
			fmt.Fprintln(s.errOut, " (no step sections: guide in progress?)")
		} else {
			fmt.Fprintf(s.errOut, " (its steps: %s)\n", stepNumbers(sections))
		}
		return exit.Fail
	}
	fmt.Fprintf(s.out, "%s, %s\n", s.color.bold(st.Name), s.color.bold(section.Heading))
	hint, ok := s.hints.Hint(st.Exercise.Dir, n)
	if !ok || hint.Text == "" {
		fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("from %s:%d", s.rel(st.Exercise.Dir+"/README.md"), section.Line)))
		fmt.Fprintln(s.out)
		fmt.Fprintln(s.out, "This step has no folded hint: read its section of the guide, and the failure message of its tests.")
		return exit.OK
	}
	fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("from %s:%d", s.rel(hint.File), hint.Line)))
	fmt.Fprintln(s.out)
	fmt.Fprintln(s.out, hint.Text)
	return exit.OK
}

// stepNumbers lists the numbers of steps, e.g. "1, 2, 3".
func stepNumbers(steps []guide.Step) string {
	out := ""
	for i, g := range steps {
		if i > 0 {
			out += ", "
		}
		out += strconv.Itoa(g.Number)
	}
	return out
}
