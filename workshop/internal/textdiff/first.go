package textdiff

import (
	"fmt"
	"strings"
)

// FirstDifference describes the first line where two versions of file f
// differ, naming each version by its label:
//
//	f, line 10:
//	  exercise: "\tif got := calc.Add(2, 3)..."
//	  solution: "\tif got := calc.Add(3, 2)..."
//
// The labels are padded to the same width.
func FirstDifference(f, labelA string, a []byte, labelB string, b []byte) string {
	linesA, linesB := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	i := 0
	for i < len(linesA) && i < len(linesB) && linesA[i] == linesB[i] {
		i++
	}
	width := max(len(labelA), len(labelB)) + 1
	return fmt.Sprintf("%s, line %d:\n  %-*s %s\n  %-*s %s", f, i+1,
		width, labelA+":", QuotedLine(linesA, i), width, labelB+":", QuotedLine(linesB, i))
}

// QuotedLine returns lines[i] quoted and shortened for display, or
// "(end of file)".
func QuotedLine(lines []string, i int) string {
	if i >= len(lines) {
		return "(end of file)"
	}
	line := lines[i]
	if len(line) > 150 {
		line = line[:150] + "..."
	}
	return fmt.Sprintf("%q", line)
}
