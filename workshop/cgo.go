package main

import (
	"context"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// whyCgo says why verify stops when cgo does not work.
const whyCgo = "go-sqlite3 needs cgo: without it, it builds a stub that fails at run time " +
	"with a misleading error, so every check would fail for the wrong reason"

// checkCgo checks that cgo is enabled and that the C compiler the go command
// uses answers `--version`. On failure it gives the exact fix.
func (v *verifier) checkCgo() result {
	out, err := v.goCmd.run(v.root, nil, "env", "CGO_ENABLED", "CC")
	if err != nil {
		return fail("go env fails: "+err.Error(), out)
	}
	values := strings.Split(strings.TrimSpace(out), "\n")
	if len(values) != 2 {
		return fail("unexpected go env output", out)
	}
	enabled, cc := strings.TrimSpace(values[0]), strings.TrimSpace(values[1])

	if answer, err := v.compilerAnswers(cc); err != nil {
		detail := "no working C compiler: `" + cc + " --version` fails: " + firstLine(answer, err) + "\n" +
			"fix: " + installCompiler() + "\n" +
			"then check that `go env CGO_ENABLED` says 1 (the go command turns cgo off when it finds no C compiler)\n" +
			"why: " + whyCgo
		return fail("no C compiler ("+cc+")", detail)
	}
	if enabled != "1" {
		fix := "go env -w CGO_ENABLED=1"
		if getenv(v.env, "CGO_ENABLED") != "" {
			fix = "unset CGO_ENABLED (your environment sets CGO_ENABLED=" + getenv(v.env, "CGO_ENABLED") + "), or export CGO_ENABLED=1"
		}
		return fail("CGO_ENABLED="+enabled, "fix: "+fix+"\nwhy: "+whyCgo)
	}
	return pass()
}

// compilerAnswers runs `cc --version` (cc may carry flags, as in go env CC)
// and returns its output.
func (v *verifier) compilerAnswers(cc string) (string, error) {
	args := strings.Fields(cc)
	if len(args) == 0 {
		return "", exec.ErrNotFound
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], append(args[1:], "--version")...)
	cmd.Env = v.env
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

// firstLine returns the first line of a command's output, or its error.
func firstLine(out string, err error) string {
	if line, _, _ := strings.Cut(strings.TrimSpace(out), "\n"); line != "" {
		return line
	}
	return err.Error()
}
