package learner

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// WatchAbout describes the watch command, for its -h.
const WatchAbout = `Runs the tests of a stage whenever you save a file in it, and shows only the
next thing to do. Without a stage it watches the current one: the stage
folder you are in, else the first stage whose steps do not all pass. When the
stage passes, it moves on to the next one; in a stage's folder it says the
stage is done, names the next and stops. A save runs only the stage watched,
and only if a file it depends on changed. Type a command and Enter:
  (just Enter)   run the tests again
  h              the hint of the next step
  q              quit (or Ctrl-C)`

// watchDebounce is how long files must stay quiet after a save before the
// tests run.
const watchDebounce = 300 * time.Millisecond

// Watch is the watch command, from the stage named (the current stage when
// stage is ""), until the learner quits. It returns the exit status.
func Watch(stage string, stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	from := s.firstCandidate()
	if stage != "" {
		st, ok := s.pickStage("watch", stage)
		if !ok {
			return exit.Usage
		}
		from = st.Name
	}
	if !s.preflight() {
		return exit.Fail
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return s.watch(ctx, os.Stdin, from, watchDebounce)
}

// watch runs the watch loop, from the stage named from (see findCurrent):
// commands come as lines on in, file changes count once they have been
// quiet for debounce. When the stage passes, it moves on to the next one;
// but in a stage's folder it watches that stage only: once it passes, it
// says so, names the next stage and how to start it, and stops, rather than
// show the next stage's first step unasked. It returns when the learner
// quits, ctx is done, or every stage passes.
func (s *session) watch(ctx context.Context, in io.Reader, from string, debounce time.Duration) int {
	cmds := readLines(in)
	here, inFolder := s.stageOfCwd()
	stay := inFolder && here.Name == from
	var cur stageProgress
	ok := false
	if stay {
		if cur = s.testStage(ctx, here); cur.done() {
			s.showDone(cur, s.knownProgress(cur))
			return exit.OK
		}
		ok = cur.ready()
	}
	if !ok {
		cur, ok = s.findCurrent(ctx, s.stages, from)
	}
	for {
		if ctx.Err() != nil {
			fmt.Fprintln(s.out, "Stopped watching.")
			return exit.OK
		}
		if !ok {
			fmt.Fprintln(s.out, s.color.green("Every step of every stage passes. Well done!"))
			return exit.OK
		}
		next, quit := s.watchStage(ctx, cur, &cmds, debounce)
		if quit {
			fmt.Fprintln(s.out, "Stopped watching.")
			return exit.OK
		}
		if stay && next.stage.Name == here.Name {
			s.showDone(next, s.knownProgress(next))
			return exit.OK
		}
		fmt.Fprintln(s.out, s.color.green(fmt.Sprintf("Every step of %s passes. Compare with the solution: %s diff %s", next.stage.Name, s.self(), next.stage.Name)))
		// Test the stages after it to find the next one.
		i := slices.IndexFunc(s.stages, func(st repo.Stage) bool { return st.Name == next.stage.Name })
		cur, ok = s.findCurrent(ctx, s.stages, s.stages[(i+1)%len(s.stages)].Name)
	}
}

// knownProgress returns where the learner stands in every stage as far as
// is known without running a test: p for its stage, the record's progress
// of the stages it holds, and not started for the others.
func (s *session) knownProgress(p stageProgress) []stageProgress {
	all := make([]stageProgress, len(s.stages))
	for i, st := range s.stages {
		switch q, ok := s.record.recall(st, s.keyOf(st).key); {
		case st.Name == p.stage.Name:
			all[i] = p
		case ok:
			all[i] = q
		default:
			all[i] = notStarted(st)
		}
	}
	return all
}

// watchStage watches the exercise of stage p until every step of it
// passes (it returns the stage's progress then) or the learner quits
// (quit is true). cmds is set to nil once the input ends.
func (s *session) watchStage(ctx context.Context, p stageProgress, cmds *<-chan string, debounce time.Duration) (done stageProgress, quit bool) {
	st := p.stage
	var changed <-chan struct{}
	fileEvents := ""
	if tw, err := watchTree(st.Exercise.Dir, debounce); err != nil {
		fileEvents = fmt.Sprintf("File events are not available here (%v): press Enter after you save.", err)
	} else {
		defer tw.Close()
		changed = tw.Changed()
	}
	show := func(p stageProgress, why string) {
		fmt.Fprint(s.out, s.color.clearScreen())
		fmt.Fprintln(s.out, s.color.dim(fmt.Sprintf("%s  %s: %s", time.Now().Format("15:04:05"), st.Name, why)))
		s.showNext(p, true)
		fmt.Fprintln(s.out)
		if fileEvents != "" {
			fmt.Fprintln(s.out, fileEvents)
		}
		fmt.Fprintln(s.out, s.color.dim("Watching "+s.rel(st.Exercise.Dir)+" for saved files.  Enter: run again   h Enter: hint   q Enter: quit"))
	}
	// rerun shows the stage's progress again: from the record when nothing
	// it depends on changed (a save that changed nothing), else from a
	// run; fresh always runs (Enter: a learner who asks to run again, for
	// a test that failed by chance, gets a run).
	rerun := func(why string, fresh bool) bool {
		s.showStatus("testing " + st.Name + "...")
		if fresh {
			p = s.runStage(ctx, st, s.keyOf(st))
		} else {
			p = s.testStage(ctx, st)
		}
		s.showStatus("")
		if ctx.Err() != nil {
			return false
		}
		if p.done() {
			return true
		}
		show(p, why)
		return false
	}

	show(p, "tested")
	for {
		select {
		case <-ctx.Done():
			return p, true
		case <-changed:
			if rerun("a file changed", false) {
				return p, false
			}
		case line, ok := <-*cmds:
			if !ok {
				*cmds = nil
				if changed == nil {
					return p, true // no file events and no more commands: nothing can happen
				}
				continue
			}
			switch strings.ToLower(strings.TrimSpace(line)) {
			case "":
				if rerun("run again", true) {
					return p, false
				}
			case "h", "hint":
				s.hintFor(p)
			case "q", "quit", "exit":
				return p, true
			default:
				fmt.Fprintf(s.out, "Unknown command %q.  Enter: run again   h Enter: hint   q Enter: quit\n", strings.TrimSpace(line))
			}
		}
		if ctx.Err() != nil {
			return p, true
		}
	}
}

// hintFor prints the full hint of the next step of stage p.
func (s *session) hintFor(p stageProgress) {
	if p.problem != "" {
		fmt.Fprintln(s.out, "The code does not build yet: fix the error above first; the compiler names the file and line.")
		return
	}
	step, ok := p.nextStep()
	if !ok {
		fmt.Fprintln(s.out, "Every step passes: no hint needed.")
		return
	}
	fmt.Fprintln(s.out)
	s.printHint(p.stage, step.number)
}

// readLines sends the lines read from in on the channel it returns, which
// it closes when in ends.
func readLines(in io.Reader) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}
