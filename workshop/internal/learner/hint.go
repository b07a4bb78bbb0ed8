package learner

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/guide"
	"github.com/gokit-workshop/workshop/workshop/internal/hints"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// HintArgs is the synopsis of the hint command's flags and arguments. It
// names the flags itself: a synopsis shows only one-letter flags.
const HintArgs = "[-level N] [-all] [stage] [step|check]"

// HintAbout describes the hint command, for its -h.
const HintAbout = `Shows a hint only when you ask, in three levels: 1 the idea, the Go kit
names and the go doc commands that show them offline; 2 a sketch (the
signatures, the order of calls, the shape); 3 the solution's own code.
Each answer ends with how to ask for the next level.
  hint                  level 1 of the next step of the current stage (runs
                        its tests): the stage folder you are in, else the
                        first stage whose steps do not all pass
  hint stage02          the next step of stage02 (runs its tests)
  hint stage02 3        step 3 of stage02
  hint 3                step 3 of the current stage
  hint -level 2 stage02 3
                        level 2 of step 3 of stage02 (-all: every level)
  hint stage02 check    the answers to stage02's check-yourself questions
Hints come from hints/<stage>.md; a stage that has none yet shows the
folded hint of its README's "## Step K" section.`

// Hint is the hint command: the hint of the step that args ([stage]
// [step], in either order, or [stage] check) name, or of the next step, at
// level (1 to 3), or every level when all is set. It returns the exit
// status.
func Hint(args []string, level int, all bool, stdout, stderr io.Writer) int {
	if level < 1 || level > hints.Levels {
		fmt.Fprintf(stderr, "workshop hint: -level %d: the levels are 1 (the idea), 2 (a sketch) and 3 (the code)\n", level)
		return exit.Usage
	}
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	return s.hint(context.Background(), args, hintLevels{level: level, all: all})
}

// hintLevels says which levels of a hint to show.
type hintLevels struct {
	level int  // 1 to hints.Levels
	all   bool // every level
}

// checkArg is the argument that asks for the check-yourself answers.
const checkArg = "check"

// hint prints the hint that args ([stage] [step | check]) ask for.
func (s *session) hint(ctx context.Context, args []string, want hintLevels) int {
	var st repo.Stage
	haveStage, step, check := false, 0, false
	for _, arg := range args {
		if n, err := strconv.Atoi(arg); err == nil && n > 0 && step == 0 && !check {
			step = n
			continue
		}
		if arg == checkArg && step == 0 && !check {
			check = true
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
	// In a stage's folder, that stage is the current one, finished or not:
	// never a spoiler of the next.
	if !haveStage {
		st, haveStage = s.stageOfCwd()
	}
	// Every command checks cgo first; this one needs it only to run tests.
	cgoWorks := s.preflight()
	if !haveStage || (step == 0 && !check) {
		// Which stage, or which step: the tests tell.
		if !cgoWorks {
			return exit.Fail
		}
		var p stageProgress
		if haveStage {
			p = s.testStage(ctx, st)
		} else {
			cur, ok := s.findCurrent(ctx, s.stages, "")
			if !ok {
				fmt.Fprintln(s.out, "Every step of every stage passes: no hint needed. Name one to read it again: "+s.self()+" hint <stage> <step>")
				return exit.OK
			}
			p = cur
		}
		st = p.stage
		if step == 0 && !check {
			if p.problem != "" {
				fmt.Fprintf(s.out, "%s does not build yet: fix the compile error first.\n", st.Name)
				s.showNext(p, false)
				return exit.Fail
			}
			next, ok := p.nextStep()
			if !ok {
				s.stageDone(st, p.ready())
				return exit.OK
			}
			step = next.number
		}
	}
	if check {
		return s.printCheck(st)
	}
	return s.showHint(st, step, want)
}

// stageDone says that stage st is done (or, when it has no step tests,
// that it has nothing to do), and names the next stage and how to start
// it, without a word of its hints.
func (s *session) stageDone(st repo.Stage, hasSteps bool) {
	if hasSteps {
		fmt.Fprintf(s.out, "Every step of %s passes: the stage is done.\n", s.color.bold(st.Name))
	} else {
		fmt.Fprintf(s.out, "%s has no step tests: nothing to do here.\n", st.Name)
	}
	i := slices.IndexFunc(s.stages, func(x repo.Stage) bool { return x.Name == st.Name })
	if i >= 0 && i+1 < len(s.stages) {
		next := s.stages[i+1]
		fmt.Fprintf(s.out, "Next: %s. Start it: cd %s && %s hint\n", s.color.bold(next.Name), s.rel(next.Exercise.Dir), s.selfFrom(next.Exercise.Dir))
	} else {
		fmt.Fprintln(s.out, "That was the last stage.")
	}
	if hasSteps {
		fmt.Fprintf(s.out, "Read a hint of %s again: %s hint %s <step>; its check-yourself answers: %s hint %s %s\n",
			st.Number(), s.self(), st.Number(), s.self(), st.Number(), checkArg)
	}
}

// printHint prints level 1 of the hint of step n of stage st (watch's h).
func (s *session) printHint(st repo.Stage, n int) int {
	return s.showHint(st, n, hintLevels{level: 1})
}

// showHint prints the hint of step n of stage st at the levels asked for:
// from its hint file when the stage has one, else the guide's folded hint.
func (s *session) showHint(st repo.Stage, n int, want hintLevels) int {
	if !hints.IsConverted(s.root, st.Name) {
		return s.printGuideHint(st, n, want)
	}
	f, err := hints.Load(s.root, st.Name)
	if err != nil {
		fmt.Fprintf(s.errOut, "workshop hint: %s\n", s.relErr(err))
		return exit.Fail
	}
	step, ok := f.Step(n)
	if !ok {
		var numbers []string
		for _, st := range f.Steps {
			numbers = append(numbers, strconv.Itoa(st.Number))
		}
		fmt.Fprintf(s.errOut, "workshop hint: %s has no \"## Step %d\" (its steps: %s)\n", s.rel(f.Path), n, strings.Join(numbers, ", "))
		return exit.Fail
	}
	heading := "Step " + strconv.Itoa(n)
	if section, ok := guide.Find(guide.Read(st.Exercise.Dir), n); ok {
		heading = section.Heading
	}
	first, last := want.level, want.level
	if want.all {
		first, last = 1, hints.Levels
	}
	code := exit.OK
	for l := first; l <= last; l++ {
		if l > first {
			fmt.Fprintln(s.out)
		}
		fmt.Fprintf(s.out, "%s, %s, %s\n", s.color.bold(st.Name), s.color.bold(heading), s.color.bold(fmt.Sprintf("level %d of %d", l, hints.Levels)))
		level, ok := step.Level(l)
		if !ok || (level.Text == "" && len(level.Refs) == 0) {
			fmt.Fprintf(s.out, "\nLevel %d of this step is not written yet: read the step's section of the guide, and the failure message of its tests.\n", l)
			continue
		}
		if want.all { // instructors and translators: where the text lives
			fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("from %s:%d", s.rel(f.Path), level.Line)))
		}
		if level.Text != "" {
			fmt.Fprintln(s.out)
			fmt.Fprintln(s.out, level.Text)
		}
		if !s.printCode(st, level.Refs) {
			code = exit.Fail
		}
	}
	fmt.Fprintln(s.out)
	if last < hints.Levels {
		fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("More: %s hint -level %d %s %d", s.self(), last+1, st.Number(), n)))
	} else {
		fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("That is the solution's code. Compare with yours: %s diff %s", s.self(), st.Number())))
	}
	return code
}

// printCode prints the declarations of the solution of st that refs name,
// as the exercise would hold them (module path rewritten), then the
// imports they use that the learner's files do not have yet. It returns
// false when a reference does not resolve.
func (s *session) printCode(st repo.Stage, refs []hints.Ref) bool {
	ok := true
	var files []string                     // the learner's files, in order
	missing := map[string][]hints.Import{} // by learner's file
	for _, ref := range refs {
		d, err := hints.Resolve(st.Solution.Dir, ref)
		if err != nil {
			fmt.Fprintf(s.out, "\n(%s cannot be shown: %s. Tell the instructor; meanwhile: %s diff %s)\n", ref, s.relErr(err), s.self(), st.Number())
			ok = false
			continue
		}
		yours := filepath.Join(st.Exercise.Dir, filepath.FromSlash(ref.Path))
		fmt.Fprintln(s.out)
		fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("%s, for your %s (from %s:%d)", ref.Name, s.rel(yours), s.rel(d.File), d.Line)))
		fmt.Fprintln(s.out, "```go")
		fmt.Fprintln(s.out, strings.TrimRight(string(repo.RewritePath([]byte(d.Text), st.Solution.Path, st.Exercise.Path)), "\n"))
		fmt.Fprintln(s.out, "```")
		for _, imp := range hints.MissingImports(d, yours, st.Solution.Path, st.Exercise.Path) {
			if !slices.Contains(files, yours) {
				files = append(files, yours)
			}
			if !slices.Contains(missing[yours], imp) {
				missing[yours] = append(missing[yours], imp)
			}
		}
	}
	for _, f := range files {
		fmt.Fprintf(s.out, "\nThis code uses imports that %s does not have yet: add them to its import block:\n", s.rel(f))
		for _, imp := range missing[f] {
			fmt.Fprintln(s.out, "\t"+imp.String())
		}
	}
	return ok
}

// printGuideHint prints the folded hint of step n from the guide of stage
// st, which has no hint file yet: one level only.
func (s *session) printGuideHint(st repo.Stage, n int, want hintLevels) int {
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
	if want.level > 1 || want.all {
		fmt.Fprintln(s.out)
		fmt.Fprintf(s.out, "(%s has no hint levels yet: this is all its guide holds.)\n", st.Name)
	}
	return exit.OK
}

// printCheck prints the check-yourself questions of stage st and their answers.
func (s *session) printCheck(st repo.Stage) int {
	if !hints.IsConverted(s.root, st.Name) {
		fmt.Fprintf(s.errOut, "workshop hint: %s has no hint file yet (%s): its check-yourself questions are in its guide, %s\n",
			st.Name, s.rel(hints.Path(s.root, st.Name, "")), s.rel(st.Exercise.Dir+"/README.md"))
		return exit.Fail
	}
	f, err := hints.Load(s.root, st.Name)
	if err != nil {
		fmt.Fprintf(s.errOut, "workshop hint: %s\n", s.relErr(err))
		return exit.Fail
	}
	if len(f.Check) == 0 {
		fmt.Fprintf(s.errOut, "workshop hint: %s has no check-yourself questions yet (\"## Check\")\n", s.rel(f.Path))
		return exit.Fail
	}
	fmt.Fprintf(s.out, "%s, %s\n", s.color.bold(st.Name), s.color.bold("check yourself: the answers"))
	for _, q := range f.Check {
		fmt.Fprintln(s.out)
		fmt.Fprintln(s.out, s.color.bold(fmt.Sprintf("Q%d.", q.Number))+" "+q.Text)
		answer := q.Answer
		if answer == "" {
			answer = "(no answer written yet)"
		}
		fmt.Fprintln(s.out, s.color.cyan("Answer:")+" "+answer)
	}
	return exit.OK
}

// relErr returns the text of err with the learner's paths made relative.
func (s *session) relErr(err error) string {
	text := err.Error()
	return strings.ReplaceAll(text, s.root+string(filepath.Separator), s.rel(s.root)+"/")
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
