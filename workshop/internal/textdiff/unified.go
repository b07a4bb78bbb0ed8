package textdiff

import (
	"fmt"
	"strings"
)

// An edit is one line of a line diff: kept (' '), deleted from a ('-') or
// inserted from b ('+').
type edit struct {
	kind byte
	text string
}

// MaxLines caps the lines a diff compares (Myers' algorithm keeps one
// array per edit): workshop files are a few hundred lines.
const MaxLines = 20000

// lineEdits returns the shortest list of edits that turns lines a into b
// (Myers, "An O(ND) Difference Algorithm and Its Variations", 1986), or
// false when the files are too long to compare.
func lineEdits(a, b []string) ([]edit, bool) {
	n, m := len(a), len(b)
	if n+m > MaxLines {
		return nil, false
	}
	off := n + m + 1
	v := make([]int, 2*off+1) // v[k+off]: the furthest x on diagonal k
	var trace [][]int
search:
	for d := 0; d <= n+m; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[k-1+off] < v[k+1+off]) {
				x = v[k+1+off] // down: insert from b
			} else {
				x = v[k-1+off] + 1 // right: delete from a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+off] = x
			if x >= n && y >= m {
				break search
			}
		}
	}

	// Walk back from (n, m) through the saved frontiers.
	var edits []edit
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[k-1+off] < v[k+1+off]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[prevK+off]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			edits = append(edits, edit{' ', a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				edits = append(edits, edit{'+', b[y-1]})
			} else {
				edits = append(edits, edit{'-', a[x-1]})
			}
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(edits)-1; i < j; i, j = i+1, j-1 {
		edits[i], edits[j] = edits[j], edits[i]
	}
	return edits, true
}

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// Unified returns the unified diff (as diff -u and git diff print it)
// that turns text a, named nameA, into text b, named nameB; "" when they are
// equal.
func Unified(nameA, nameB, a, b string) string {
	if a == b {
		return ""
	}
	linesA, linesB := splitLines(a), splitLines(b)
	edits, ok := lineEdits(linesA, linesB)
	if !ok {
		return fmt.Sprintf("--- %s\n+++ %s\n(the files differ; they are too long to compare here)\n", nameA, nameB)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	for start := 0; start < len(edits); {
		// Find the next change, and the end of its hunk: changes closer than
		// twice the context belong to one hunk.
		first := start
		for first < len(edits) && edits[first].kind == ' ' {
			first++
		}
		if first == len(edits) {
			break
		}
		last := first
		for i := first; i < len(edits); i++ {
			if edits[i].kind != ' ' {
				last = i
			} else if i-last > 2*diffContext {
				break
			}
		}
		from := max(first-diffContext, start)
		to := min(last+diffContext+1, len(edits))
		writeHunk(&out, edits, from, to)
		start = to
	}
	return out.String()
}

// writeHunk writes the hunk of edits[from:to], with its @@ header.
func writeHunk(out *strings.Builder, edits []edit, from, to int) {
	lineA, lineB := 1, 1 // line numbers at edits[from]
	for _, e := range edits[:from] {
		if e.kind != '+' {
			lineA++
		}
		if e.kind != '-' {
			lineB++
		}
	}
	countA, countB := 0, 0
	for _, e := range edits[from:to] {
		if e.kind != '+' {
			countA++
		}
		if e.kind != '-' {
			countB++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(lineA, countA), hunkRange(lineB, countB))
	for _, e := range edits[from:to] {
		out.WriteByte(e.kind)
		out.WriteString(e.text)
		out.WriteByte('\n')
	}
}

// hunkRange formats the start and length of one side of a hunk as diff -u
// does: an empty side starts at the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// splitLines splits text into lines without their line ends; a last line
// without a newline is marked as diff does.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file"
	return lines
}
