package guide

import "path/filepath"

// A HintSource gives the hints of a stage's steps.
type HintSource interface {
	// Hint returns the hint of step n of the stage whose exercise is in
	// dir; ok is false when the source knows no step n there.
	Hint(dir string, n int) (h Hint, ok bool)
}

// A Hint is the hint of one step, and where it comes from.
type Hint struct {
	Text string // plain text, code blocks kept; "" when the step has none
	File string // the file it comes from
	Line int    // where in File
}

// GuideHints is the hint source of today: the folded hint (the first
// <details> block) of each "## Step K" section of the stage guide.
type GuideHints struct{}

// Hint returns the folded hint of step n of the guide in dir.
func (GuideHints) Hint(dir string, n int) (Hint, bool) {
	step, ok := Find(Read(dir), n)
	if !ok {
		return Hint{}, false
	}
	return Hint{Text: step.Hint, File: filepath.Join(dir, "README.md"), Line: step.Line}, true
}
