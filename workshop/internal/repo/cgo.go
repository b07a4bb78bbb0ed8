package repo

import (
	"context"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// WhyCgo says why the workshop needs cgo.
const WhyCgo = "go-sqlite3 needs cgo: without it, it builds a stub that fails at run time " +
	"with a misleading error, so every check would fail for the wrong reason"

// A CgoProblem says why cgo does not work, and how to fix it.
type CgoProblem struct {
	Summary string // one line, e.g. "CGO_ENABLED=0"
	Detail  string // the fix and why, one item a line
}

// CheckCgo checks, cheaply, that cgo works for the go command: go env says
// CGO_ENABLED=1, and the C compiler it names (CC) answers --version. It
// returns nil when cgo works. Running the compiler, not only finding it,
// catches a compiler that is there but cannot run, such as macOS's cc
// before the command line tools are installed.
func (g Go) CheckCgo(dir string) *CgoProblem {
	out, err := g.Run(dir, nil, "env", "CGO_ENABLED", "CC")
	if err != nil {
		return &CgoProblem{"go env fails: " + err.Error(), out}
	}
	values := strings.Split(strings.TrimSpace(out), "\n")
	if len(values) != 2 {
		return &CgoProblem{"unexpected go env output", out}
	}
	enabled, cc := strings.TrimSpace(values[0]), strings.TrimSpace(values[1])

	if answer, err := compilerAnswers(cc, g.Env); err != nil {
		return &CgoProblem{"no C compiler (" + cc + ")",
			"no working C compiler: `" + cc + " --version` fails: " + FirstLine(answer, err) + "\n" +
				"fix: " + installCompiler() + "\n" +
				"then check that `go env CGO_ENABLED` says 1 (the go command turns cgo off when it finds no C compiler)\n" +
				"why: " + WhyCgo}
	}
	if enabled != "1" {
		fix := "go env -w CGO_ENABLED=1"
		if set := Getenv(g.Env, "CGO_ENABLED"); set != "" {
			fix = "unset CGO_ENABLED (your environment sets CGO_ENABLED=" + set + "), or export CGO_ENABLED=1"
		}
		return &CgoProblem{"CGO_ENABLED=" + enabled, "fix: " + fix + "\nwhy: " + WhyCgo}
	}
	return nil
}

// compilerAnswers runs `cc --version` (cc may carry flags, as in go env CC)
// in env and returns its output.
func compilerAnswers(cc string, env []string) (string, error) {
	args := strings.Fields(cc)
	if len(args) == 0 {
		return "", exec.ErrNotFound
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], append(args[1:], "--version")...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// installCompiler returns the command that installs a C compiler here.
func installCompiler() string {
	switch runtime.GOOS {
	case "darwin":
		return "xcode-select --install"
	case "windows":
		return "install gcc from MinGW-w64 (for example with MSYS2: pacman -S mingw-w64-ucrt-x86_64-gcc) and put it on PATH"
	default:
		return "sudo apt-get install -y gcc   (Debian/Ubuntu; Fedora: sudo dnf install -y gcc; Alpine: apk add build-base)"
	}
}

// FirstLine returns the first line of a command's output, or its error.
func FirstLine(out string, err error) string {
	if line, _, _ := strings.Cut(strings.TrimSpace(out), "\n"); line != "" {
		return line
	}
	return err.Error()
}
