package check

import (
	"fmt"
	"strings"
)

// Statuses of a check, as printed at the start of its line.
const (
	statusOK   = "ok"
	statusFail = "FAIL"
	statusSkip = "skip" // not run, not counted
)

// A result is the outcome of one check.
type result struct {
	status  string
	summary string // why it failed or was skipped (or a note), printed on the check's line
	detail  string // output that shows what broke, printed indented below it
}

// pass is the result of a check that passed.
func pass() result { return result{status: statusOK} }

// passNote is the result of a check that passed, with a note on what it saw.
func passNote(note string) result { return result{status: statusOK, summary: note} }

// fail is the result of a failed check: why on its line, what broke below it.
func fail(summary, detail string) result { return result{statusFail, summary, detail} }

// skip is the result of a check that was not run, and why.
func skip(why string) result { return result{status: statusSkip, summary: why} }

// report prints the line of a check and counts it; it returns false when the check failed.
func (v *verifier) report(label, check string, r result) bool {
	line := fmt.Sprintf("%-4s %-*s  %s", r.status, v.width, label, check)
	if r.summary != "" {
		line += ": " + r.summary
	}
	fmt.Fprintln(v.out, line)
	if r.detail != "" {
		for l := range strings.Lines(r.detail) {
			fmt.Fprintln(v.out, "      "+strings.TrimRight(l, "\r\n"))
		}
	}
	switch r.status {
	case statusOK:
		v.passed++
	case statusFail:
		v.failed++
	}
	return r.status != statusFail
}
