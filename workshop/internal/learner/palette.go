package learner

import (
	"io"
	"os"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// A palette colours text for a terminal, or leaves it plain.
type palette struct {
	on bool // colour is on
}

// paletteFor returns the palette for output to w: colour only when w is a
// terminal (a character device), NO_COLOR is unset or empty, and TERM is
// not "dumb". Anything else (a file, a pipe, a test's buffer) gets plain text.
func paletteFor(w io.Writer, env []string) palette {
	f, ok := w.(*os.File)
	if !ok || repo.Getenv(env, "NO_COLOR") != "" || repo.Getenv(env, "TERM") == "dumb" {
		return palette{}
	}
	return palette{on: isTerminal(f)}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// ANSI SGR codes.
const (
	sgrBold   = "1"
	sgrDim    = "2"
	sgrRed    = "31"
	sgrGreen  = "32"
	sgrYellow = "33"
	sgrCyan   = "36"
)

// paint wraps s in the SGR code when colour is on.
func (p palette) paint(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// bold makes s bold when colour is on.
func (p palette) bold(s string) string { return p.paint(sgrBold, s) }

// dim makes s faint when colour is on: what to read last.
func (p palette) dim(s string) string { return p.paint(sgrDim, s) }

// red colours s red when colour is on: failures.
func (p palette) red(s string) string { return p.paint(sgrRed, s) }

// green colours s green when colour is on: what passes.
func (p palette) green(s string) string { return p.paint(sgrGreen, s) }

// yellow colours s yellow when colour is on: the current stage.
func (p palette) yellow(s string) string { return p.paint(sgrYellow, s) }

// cyan colours s cyan when colour is on: labels.
func (p palette) cyan(s string) string { return p.paint(sgrCyan, s) }

// clearScreen returns the code that clears a terminal, or "" without colour
// (plain output is a log: it is never cleared).
func (p palette) clearScreen() string {
	if !p.on {
		return ""
	}
	return "\x1b[H\x1b[2J"
}
