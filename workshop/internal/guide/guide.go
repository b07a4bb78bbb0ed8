package guide

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A Step is one "## Step K — title" section of a stage guide (README.md).
type Step struct {
	Number  int
	Heading string // the heading without "## ", e.g. "Step 1 — open the database"
	Line    int    // line number of the heading in README.md
	Hint    string // the folded hint as plain text, code blocks kept; "" when there is none
}

// stepHeading matches the heading of a step section and captures its number.
var stepHeading = regexp.MustCompile(`^## +Step +([0-9]+)\b`)

// Read returns the step sections of the guide (README.md) in dir, in the
// order they appear; none when the file is missing.
func Read(dir string) []Step {
	data, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return nil
	}
	var steps []Step
	var body []string // lines of the open step section
	flush := func() {
		if len(steps) > 0 && body != nil {
			steps[len(steps)-1].Hint = hintText(strings.Join(body, "\n"))
		}
		body = nil
	}
	inFence := false
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if isFence(line) {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "## ") {
			flush()
			if m := stepHeading.FindStringSubmatch(line); m != nil {
				n, _ := strconv.Atoi(m[1])
				steps = append(steps, Step{Number: n, Heading: strings.TrimSpace(line[3:]), Line: i + 1})
				body = []string{}
			}
			continue
		}
		if body != nil {
			body = append(body, line)
		}
	}
	flush()
	return steps
}

// Find returns the section of step n among steps, if there is one.
func Find(steps []Step, n int) (Step, bool) {
	for _, s := range steps {
		if s.Number == n {
			return s, true
		}
	}
	return Step{}, false
}

// Parts of a folded hint: <details>, its <summary>, </details>.
var (
	detailsOpen  = regexp.MustCompile(`(?i)<details[^>]*>`)
	detailsClose = regexp.MustCompile(`(?i)</details\s*>`)
	summaryTag   = regexp.MustCompile(`(?is)<summary[^>]*>.*?</summary\s*>`)
	htmlTag      = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
)

// hintText returns the first <details> block of a step section as plain
// text: the summary and HTML tags removed, entities decoded, code blocks
// and inline code kept as written.
func hintText(section string) string {
	open := detailsOpen.FindStringIndex(section)
	if open == nil {
		return ""
	}
	inner := section[open[1]:]
	if end := detailsClose.FindStringIndex(inner); end != nil {
		inner = inner[:end[0]]
	}
	inner = summaryTag.ReplaceAllString(inner, "")

	var out []string
	inFence := false
	for _, line := range strings.Split(inner, "\n") {
		if isFence(line) {
			inFence = !inFence
			out = append(out, line)
			continue
		}
		if !inFence {
			line = stripHTML(line)
		}
		if line == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue // one blank line is enough
		}
		out = append(out, line)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

// stripHTML removes HTML tags from a line of Markdown prose and decodes its
// entities, leaving `inline code` as it is.
func stripHTML(line string) string {
	parts := strings.Split(line, "`")
	for i := 0; i < len(parts); i += 2 { // even parts are outside backticks
		parts[i] = html.UnescapeString(htmlTag.ReplaceAllString(parts[i], ""))
	}
	return strings.TrimRight(strings.Join(parts, "`"), " \t")
}

// isFence reports whether a Markdown line opens or closes a fenced code block.
func isFence(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}

// Brief returns a hint's prose with each code block replaced by a note
// naming the command that shows it: the board shows this, so that the code
// stays folded until the learner asks for it.
func Brief(hint, fullHintCommand string) string {
	var out []string
	inFence, noted := false, false
	for _, line := range strings.Split(hint, "\n") {
		switch {
		case isFence(line):
			inFence = !inFence
			if inFence && !noted {
				out = append(out, "(code: "+fullHintCommand+")")
			}
			noted = true
		case inFence:
		case strings.TrimSpace(line) == "":
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		default:
			noted = false
			out = append(out, line)
		}
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

// HowToRun returns the first command of the first shell code block in the
// "## How to work" section of the README.md in dir (how the guide tells the
// learner to run the tests), or fallback when there is none.
func HowToRun(dir, fallback string) string {
	data, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return fallback
	}
	inSection, inFence := false, false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if isFence(line) {
			inFence = !inFence
			continue
		}
		switch {
		case !inFence && strings.HasPrefix(line, "## "):
			inSection = strings.HasPrefix(line, "## How to work")
		case inSection && inFence && strings.HasPrefix(strings.TrimSpace(line), "go "):
			cmd, _, _ := strings.Cut(line, "#") // drop a trailing comment
			return strings.TrimSpace(cmd)
		}
	}
	return fallback
}

// stageNumberPrefix matches "Stage 01 — " at the start of a stage guide's title.
var stageNumberPrefix = regexp.MustCompile(`^Stage\s+[0-9]+\s*[—–:-]+\s*`)

// Title returns the first "# " heading of the guide (README.md) in dir,
// without its "Stage NN — ", or "".
func Title(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		if title, ok := strings.CutPrefix(line, "# "); ok {
			return stageNumberPrefix.ReplaceAllString(strings.TrimSpace(title), "")
		}
	}
	return ""
}
