package learner

import (
	"fmt"
	"strings"
)

// plural returns n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// isAre returns "is" for one, "are" for any other number.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// indent puts prefix before every non-empty line of text.
func indent(text, prefix string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// capLines returns text cut to at most n lines, saying how many were left out.
func capLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n... (%d more lines: run the tests to see them all)", len(lines)-n)
}
