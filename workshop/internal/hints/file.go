package hints

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Dir is the folder of the hint files, relative to the repository root.
const Dir = "hints"

// Levels is how many levels every step's hint has.
const Levels = 3

// A File is one parsed hint file.
type File struct {
	Stage string // the stage's folder name, e.g. stage01-service
	Lang  string // "" for the English file, else the language of the twin, e.g. "ko"
	Path  string // the file's path
	Title string // the text of its "# " heading, "" when it has none
	Steps []Step // the "## Step K" sections, in file order
	Check []Question
	// CheckLine is the line of the "## Check" heading, 0 when there is none.
	CheckLine int
}

// A Step is one "## Step K" section of a hint file.
type Step struct {
	Number int
	Line   int // line of its heading
	// Levels holds the "### Level N" subsections that the file has, in
	// file order; Level returns one by its number.
	Levels []Level
}

// A Level is one "### Level N" subsection of a step.
type Level struct {
	Number int    // 1, 2 or 3
	Line   int    // line of its heading
	Text   string // its text, trimmed; for level 3, without the code lines
	Refs   []Ref  // the code lines, in order (level 3 only)
}

// A Ref is one "code: <path> <name>" line of a level 3 hint: a top-level
// declaration of the stage's solution module.
type Ref struct {
	Path string // the Go file, a slash path relative to the solution module's folder
	Name string // Func, Type.Method, or the name of a type, var or const
	Line int    // the line of the hint file that holds it
}

// String returns the reference as its code line writes it.
func (r Ref) String() string { return r.Path + " " + r.Name }

// A Question is one "### QK" subsection of the "## Check" section.
type Question struct {
	Number     int
	Line       int    // line of its heading
	Text       string // the question, trimmed
	Answer     string // the text under "#### Answer", trimmed; "" when missing
	AnswerLine int    // line of the "#### Answer" heading, 0 when missing
}

// Step returns step n of the file, if it has one.
func (f *File) Step(n int) (Step, bool) {
	i := slices.IndexFunc(f.Steps, func(s Step) bool { return s.Number == n })
	if i < 0 {
		return Step{}, false
	}
	return f.Steps[i], true
}

// Level returns level n of the step, if the file has it.
func (s Step) Level(n int) (Level, bool) {
	i := slices.IndexFunc(s.Levels, func(l Level) bool { return l.Number == n })
	if i < 0 {
		return Level{}, false
	}
	return s.Levels[i], true
}

// Path returns the path of the hint file of stage in language lang ("" for
// English) in the repository at root.
func Path(root, stage, lang string) string {
	name := stage + ".md"
	if lang != "" {
		name = stage + "." + lang + ".md"
	}
	return filepath.Join(root, Dir, name)
}

// Load reads and parses the English hint file of stage (a folder name,
// e.g. stage01-service) in the repository at root. When the stage has no
// hint file (it is not converted yet) the error satisfies
// errors.Is(err, fs.ErrNotExist). A file whose structure is broken (an
// unknown heading, a code line outside level 3, a step twice) is an error
// naming its line; a file with missing levels or answers loads: the
// maintainer check reports those.
func Load(root, stage string) (*File, error) {
	return LoadLang(root, stage, "")
}

// LoadLang is Load for the translation of the hint file into lang (e.g.
// "ko": hints/<stage>.ko.md); "" is English.
func LoadLang(root, stage, lang string) (*File, error) {
	path := Path(root, stage, lang)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	f.Stage, f.Lang = stage, lang
	return f, nil
}

// Converted returns the stages of the repository at root that have an
// English hint file, sorted: the converted stages.
func Converted(root string) []string {
	entries, err := os.ReadDir(filepath.Join(root, Dir))
	if err != nil {
		return nil
	}
	var stages []string
	for _, e := range entries {
		if m := fileName.FindStringSubmatch(e.Name()); m != nil && m[2] == "" && e.Type().IsRegular() {
			stages = append(stages, m[1])
		}
	}
	slices.Sort(stages)
	return stages
}

// IsConverted reports whether stage has an English hint file in the
// repository at root.
func IsConverted(root, stage string) bool {
	info, err := os.Stat(Path(root, stage, ""))
	return err == nil && info.Mode().IsRegular()
}

// Languages returns the languages of the translations of stage's hint
// file (hints/<stage>.<lang>.md), sorted; English is not among them.
func Languages(root, stage string) []string {
	entries, err := os.ReadDir(filepath.Join(root, Dir))
	if err != nil {
		return nil
	}
	var langs []string
	for _, e := range entries {
		if m := fileName.FindStringSubmatch(e.Name()); m != nil && m[1] == stage && m[2] != "" {
			langs = append(langs, m[2])
		}
	}
	slices.Sort(langs)
	return langs
}

// fileName matches the name of a hint file: the stage, and the language of
// a translation.
var fileName = regexp.MustCompile(`^(stage[0-9]{2}-[a-z0-9-]+?)(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?))?\.md$`)

// The structure markers of a hint file: fixed English tokens in every
// language. The text after a step's number is free (a title).
var (
	stepHeading     = regexp.MustCompile(`^## +Step +([0-9]+)(?:\s.*)?$`)
	checkHeading    = regexp.MustCompile(`^## +Check\s*$`)
	levelHeading    = regexp.MustCompile(`^### +Level +([0-9]+)\s*$`)
	questionHeading = regexp.MustCompile(`^### +Q([0-9]+)\s*$`)
	answerHeading   = regexp.MustCompile(`^#### +Answer\s*$`)
	anyHeading      = regexp.MustCompile(`^#{2,6} `)
	codeLine        = regexp.MustCompile(`^code:\s*(.*)$`)
)

// Parse parses the text of a hint file; path names it in errors.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path}
	var (
		step     *Step     // the open step section
		level    *Level    // the open level subsection
		question *Question // the open question
		inCheck  bool      // inside "## Check"
		inAnswer bool      // inside the open question's answer
		text     []string  // lines of the open text
		inFence  bool
		errs     []error
	)
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...)))
	}
	// flush stores the open text where it belongs.
	flush := func() {
		t := strings.TrimSpace(strings.Join(text, "\n"))
		text = nil
		switch {
		case level != nil:
			level.Text = t
			step.Levels = append(step.Levels, *level)
			level = nil
		case question != nil && inAnswer:
			question.Answer = t
			f.Check = append(f.Check, *question)
			question, inAnswer = nil, false
		case question != nil:
			question.Text = t
			f.Check = append(f.Check, *question)
			question = nil
		}
	}
	endStep := func() {
		flush()
		if step != nil {
			f.Steps = append(f.Steps, *step)
			step = nil
		}
	}

	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		if isFence(line) {
			inFence = !inFence
		}
		if inFence || isFence(line) {
			text = append(text, line)
			continue
		}
		if m := stepHeading.FindStringSubmatch(line); m != nil {
			endStep()
			inCheck = false
			num, _ := strconv.Atoi(m[1])
			if _, dup := f.Step(num); dup {
				bad(n, "a second %q section", "## Step "+m[1])
			}
			step = &Step{Number: num, Line: n}
			continue
		}
		if checkHeading.MatchString(line) {
			endStep()
			if inCheck || f.CheckLine != 0 {
				bad(n, "a second \"## Check\" section")
			}
			inCheck, f.CheckLine = true, n
			continue
		}
		if m := levelHeading.FindStringSubmatch(line); m != nil {
			num, _ := strconv.Atoi(m[1])
			switch {
			case step == nil:
				bad(n, "%q outside a \"## Step K\" section", line)
			case num < 1 || num > Levels:
				bad(n, "%q: levels go from 1 to %d", line, Levels)
			default:
				flush()
				if _, dup := step.Level(num); dup {
					bad(n, "a second %q in step %d", line, step.Number)
				}
				level = &Level{Number: num, Line: n}
			}
			continue
		}
		if m := questionHeading.FindStringSubmatch(line); m != nil {
			if !inCheck {
				bad(n, "%q outside the \"## Check\" section", line)
				continue
			}
			flush()
			num, _ := strconv.Atoi(m[1])
			question = &Question{Number: num, Line: n}
			continue
		}
		if answerHeading.MatchString(line) {
			switch {
			case question == nil:
				bad(n, "\"#### Answer\" outside a \"### QK\" question")
			case inAnswer:
				bad(n, "a second \"#### Answer\" in Q%d", question.Number)
			default:
				question.Text = strings.TrimSpace(strings.Join(text, "\n"))
				text = nil
				question.AnswerLine, inAnswer = n, true
			}
			continue
		}
		if anyHeading.MatchString(line) {
			bad(n, "unknown heading %q (the markers are \"## Step K\", \"### Level N\", \"## Check\", \"### QK\", \"#### Answer\")", line)
			continue
		}
		if strings.HasPrefix(line, "# ") && step == nil && !inCheck && f.Title == "" {
			f.Title = strings.TrimSpace(line[2:])
			continue
		}
		if m := codeLine.FindStringSubmatch(line); m != nil {
			if level == nil || level.Number != Levels {
				bad(n, "a code line outside \"### Level %d\"", Levels)
				continue
			}
			fields := strings.Fields(m[1])
			if len(fields) != 2 {
				bad(n, "a code line is \"code: <file of the solution> <Name or Type.Method>\", not %q", line)
				continue
			}
			level.Refs = append(level.Refs, Ref{Path: fields[0], Name: fields[1], Line: n})
			continue
		}
		if level != nil || question != nil {
			text = append(text, line)
		} else if strings.TrimSpace(line) != "" && (step != nil || inCheck) {
			where := "\"## Step\" heading and its first \"### Level N\""
			if inCheck {
				where = "\"## Check\" and its first \"### QK\""
			}
			bad(n, "text between the %s: it would never be shown", where)
		}
	}
	endStep()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f, nil
}

// isFence reports whether a Markdown line opens or closes a fenced code block.
func isFence(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}

// IsNotExist reports whether err says that a hint file does not exist
// (the stage is not converted).
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
