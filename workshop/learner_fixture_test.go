package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// learnerRepo returns goodRepo with what the learner's commands read: stage
// guides with "## Step K" sections and folded hints, a second step in stage
// 1 (Sub), and a .gitignore for the SQLite files a server leaves behind.
func learnerRepo() repo {
	r := goodRepo()
	r[".gitignore"] = "*.db\n"
	r["stage01-demo/README.md"] = stage1Guide
	r["stage02-demo/README.md"] = stage2Guide
	for tree, mod := range map[string]string{"stage01-demo": ex1, "solutions/stage01-demo": sol1} {
		r[tree+"/calc/sub.go"] = subExercise
		r[tree+"/calc/step2_test.go"] = strings.ReplaceAll(subStep2Test, "MOD", mod)
	}
	r["solutions/stage01-demo/calc/sub.go"] = strings.Replace(subExercise, subTODO, "\treturn a - b", 1)
	return r
}

// The learner's bodies of stage 1, and how the solution writes them.
const (
	addTODO   = "\t// TODO(stage01, step 1): return the sum of a and b.\n\treturn 0"
	addSolved = "\treturn a + b"
	subTODO   = "\t// TODO(stage01, step 2): return a minus b.\n\treturn 0"
	subSolved = "\treturn a - b"
)

const subExercise = `package calc

// Sub returns a minus b.
func Sub(a, b int) int {
` + subTODO + `
}
`

const subStep2Test = `package calc_test

import (
	"testing"

	"MOD/calc"
)

func TestStep2Sub(t *testing.T) {
	if got := calc.Sub(5, 3); got != 2 {
		t.Fatalf("step 2: Sub(5, 3) = %d, want 2\nwrite the body of Sub", got)
	}
}

func TestStep2SubNegative(t *testing.T) {
	if got := calc.Sub(3, 5); got != -2 {
		t.Fatalf("step 2: Sub(3, 5) = %d, want -2", got)
	}
}
`

const stage1Guide = "# Stage 01 — add numbers\n\n" +
	"## How to work\n\n```sh\ngo test -failfast ./calc   # from stage01-demo\n```\n\n" +
	"## Step 1 — add\n\nWrite `Add`.\n\n" +
	"<details><summary>Hint</summary>\n\nThe `+` operator adds &amp; <b>returns</b>:\n\n```go\nreturn a + b // <not a tag>\n```\n</details>\n\n" +
	"## Step 2 — subtract\n\nWrite `Sub`.\n\n" +
	"<details>\n<summary>Hint</summary>\n\nUse `-`.\n</details>\n\n" +
	"## Check yourself\n\n```sh\n## Step 9 — not a heading: inside a code block\n```\n"

const stage2Guide = "# Stage 02 — double numbers\n\n## Step 1 — double\n\nWrite `Double` with `calc.Add`.\n"

// solve writes the solution's body of the step into the exercise of the
// written fixture at root.
func solve(t *testing.T, root string, step int) {
	t.Helper()
	file, todo, solved := "stage01-demo/calc/calc.go", addTODO, addSolved
	if step == 2 {
		file, todo, solved = "stage01-demo/calc/sub.go", subTODO, subSolved
	}
	replaceInFile(t, root+"/"+file, todo, solved)
}

// replaceInFile replaces old with new in the file at path, which must hold it.
func replaceInFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testSession returns a session on the fixture at root for a learner at
// the root, with its output in buffers.
func testSession(t *testing.T, root string, env ...string) (*session, *syncBuffer, *syncBuffer) {
	t.Helper()
	stdout, stderr := new(syncBuffer), new(syncBuffer)
	s, err := newSession(root, root, append(os.Environ(), env...), stdout, stderr)
	if err != nil {
		t.Fatal(err)
	}
	return s, stdout, stderr
}

// A syncBuffer is a bytes.Buffer that goroutines can share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Buf returns the buffer, for a test that owns it alone.
func (b *syncBuffer) Buf() *bytes.Buffer { return &b.buf }

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// wantContains fails the test unless out contains each of want.
func wantContains(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

// gitCommitAll makes root a git repository with one commit of everything
// in it, or skips the test when git is missing.
func gitCommitAll(t *testing.T, root string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=Fixture", "-c", "user.email=fixture@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "as shipped"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}
