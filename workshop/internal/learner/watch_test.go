package learner

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

// testDebounce is the debounce of the watch tests: short, so they are fast.
const testDebounce = 50 * time.Millisecond

// wantSignal fails the test unless changed receives within a second.
func wantSignal(t *testing.T, changed <-chan struct{}, after string) {
	t.Helper()
	select {
	case <-changed:
	case <-time.After(time.Second):
		t.Fatalf("no change reported after %s", after)
	}
}

// wantQuiet fails the test if changed receives within a few debounce times.
func wantQuiet(t *testing.T, changed <-chan struct{}, after string) {
	t.Helper()
	select {
	case <-changed:
		t.Fatalf("a change was reported after %s", after)
	case <-time.After(4 * testDebounce):
	}
}

func TestTreeWatcher(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
	tw, err := watchTree(dir, testDebounce)
	if err != nil {
		t.Fatal(err)
	}
	defer tw.Close()

	for i := range 5 { // an editor's burst of writes: one change
		os.WriteFile(filepath.Join(dir, "pkg", "a.go"), []byte("package pkg // "+string(rune('a'+i))), 0o644)
		time.Sleep(testDebounce / 5)
	}
	wantSignal(t, tw.Changed(), "writing pkg/a.go")
	wantQuiet(t, tw.Changed(), "the burst ended")

	for _, name := range []string{"todo.db", "todo.db-wal", ".a.go.swp", "a.go~", "notes.md"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	wantQuiet(t, tw.Changed(), "writing files that are not source")

	os.MkdirAll(filepath.Join(dir, "newpkg"), 0o755)
	time.Sleep(testDebounce) // let the watcher add the new folder
	os.WriteFile(filepath.Join(dir, "newpkg", "b.go"), []byte("package newpkg"), 0o644)
	wantSignal(t, tw.Changed(), "writing a file in a new folder")

	os.Rename(filepath.Join(dir, "newpkg", "b.go"), filepath.Join(dir, "newpkg", "c.go"))
	wantSignal(t, tw.Changed(), "renaming a file")
}

func TestIsSourceFile(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"a/b.go": true, "x/0001.sql": true, "go.mod": true, "go.sum": true, "api/todo.proto": true,
		"a/testdata/input.json": true, "todo.db": false, "a/.b.go.swp": false, "b.go~": false,
		"README.md": false, "a/.#b.go": false,
	} {
		if got := isSourceFile(path); got != want {
			t.Errorf("isSourceFile(%q) = %v, want %v", path, got, want)
		}
	}
}

// waitFor waits until out contains want, or fails the test after timeout.
func waitFor(t *testing.T, out *fixture.SyncBuffer, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %q; output:\n%s", timeout, want, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWatch drives the watch loop as a learner would: commands on a pipe,
// files saved into a real fixture.
func TestWatch(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, stdout, stderr := testSession(t, root)
	in, typed := io.Pipe()
	defer typed.Close()
	done := make(chan int, 1)
	go func() { done <- s.watch(context.Background(), in, "", testDebounce) }()
	const wait = 60 * time.Second // a slow machine's first build

	waitFor(t, stdout, "Next: stage01-demo, Step 1 — add", wait)
	waitFor(t, stdout, "Watching stage01-demo for saved files.", wait)

	io.WriteString(typed, "h\n")
	waitFor(t, stdout, "```go\nreturn a + b // <not a tag>\n```", wait)

	fixture.Solve(t, root, 1) // save a file: the tests run again
	waitFor(t, stdout, "stage01-demo: a file changed", wait)
	waitFor(t, stdout, "Next: stage01-demo, Step 2 — subtract", wait)

	io.WriteString(typed, "what\n")
	waitFor(t, stdout, `Unknown command "what".`, wait)
	io.WriteString(typed, "\n")
	waitFor(t, stdout, "stage01-demo: run again", wait)

	fixture.Solve(t, root, 2) // the stage passes: on to the next one
	waitFor(t, stdout, "Every step of stage01-demo passes. Compare with the solution: go run ./workshop diff stage01-demo", wait)
	waitFor(t, stdout, "Next: stage02-demo, Step 1 — double", wait)
	waitFor(t, stdout, "Watching stage02-demo for saved files.", wait)

	io.WriteString(typed, "q\n")
	select {
	case code := <-done:
		if code != exit.OK {
			t.Errorf("watch: exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(wait):
		t.Fatal("watch did not quit on q")
	}
	waitFor(t, stdout, "Stopped watching.", time.Second)
}

// TestWatchStops checks that watch starts at the stage it is given, goes
// on watching files when its input ends (stdin closed, as in a script), and
// stops when its context ends (Ctrl-C).
func TestWatchStops(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, stdout, _ := testSession(t, root)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	// Input ends at once; file events go on. The stage named comes first.
	go func() { done <- s.watch(ctx, strings.NewReader(""), "stage02-demo", testDebounce) }()
	waitFor(t, stdout, "Watching stage02-demo", time.Minute)
	cancel()
	select {
	case code := <-done:
		if code != exit.OK {
			t.Errorf("watch: exit %d after its context ended", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop when its context ended")
	}
}

// TestWatchInAFinishedStage checks that watch, in a finished stage's
// folder, says the stage is done and names the next one instead of
// watching that one's first step; and that it stops the same way when the
// stage it watches in its folder comes to pass.
func TestWatchInAFinishedStage(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	s, stdout, _ := testSessionIn(t, root, root+"/stage01-demo")
	in, typed := io.Pipe()
	defer typed.Close()
	done := make(chan int, 1)
	go func() { done <- s.watch(context.Background(), in, "stage01-demo", testDebounce) }()
	waitFor(t, stdout, "Next: stage01-demo, Step 2 — subtract", time.Minute)
	waitFor(t, stdout, "Watching . for saved files.", time.Minute)
	fixture.Solve(t, root, 2) // the stage passes: watch stops, naming the next stage
	select {
	case code := <-done:
		if code != exit.OK {
			t.Errorf("watch: exit %d", code)
		}
	case <-time.After(time.Minute):
		t.Fatalf("watch did not stop when its stage passed; output:\n%s", stdout.String())
	}
	out := stdout.String()
	fixture.WantContains(t, out,
		"Done: every step of stage01-demo passes. Compare with the solution: go run ../workshop diff stage01\n",
		"Next stage: stage02-demo (double numbers): read ../stage02-demo/README.md, then from its folder:\n",
		"  cd ../stage02-demo && go run ../workshop watch\n",
	)
	if strings.Contains(out, "Step 1 — double") {
		t.Errorf("watch showed the next stage's first step:\n%s", out)
	}

	// Started again in the finished stage's folder: it says so at once.
	again, stdout2, _ := testSessionIn(t, root, root+"/stage01-demo")
	if code := again.watch(context.Background(), strings.NewReader(""), "stage01-demo", testDebounce); code != exit.OK {
		t.Errorf("watch in a finished stage: exit %d", code)
	}
	fixture.WantContains(t, stdout2.String(), "Done: every step of stage01-demo passes.", "Next stage: stage02-demo")
	if again.goTests.Load() != 0 {
		t.Errorf("watch in a finished stage ran go test %d times; the record knows the stage passes", again.goTests.Load())
	}
	if strings.Contains(stdout2.String(), "Watching") {
		t.Errorf("watch in a finished stage watches:\n%s", stdout2.String())
	}
}
