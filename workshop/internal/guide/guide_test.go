package guide

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestReadGuide(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(fixture.Stage1Guide), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := Read(dir)
	if len(steps) != 2 {
		t.Fatalf("readGuide found %d steps, want 2 (a heading in a code block is no heading): %+v", len(steps), steps)
	}
	want := []Step{
		{1, "Step 1 — add", 9, "The `+` operator adds & returns:\n\n```go\nreturn a + b // <not a tag>\n```"},
		{2, "Step 2 — subtract", 22, "Use `-`."},
	}
	for i, w := range want {
		if steps[i] != w {
			t.Errorf("step %d = %+v\nwant %+v", i+1, steps[i], w)
		}
	}
	if _, ok := Find(steps, 3); ok {
		t.Errorf("guideStepNumber found a step 3")
	}
	if Read(t.TempDir()) != nil {
		t.Errorf("readGuide of a folder without README.md found steps")
	}
}

func TestHintText(t *testing.T) {
	t.Parallel()
	for section, want := range map[string]string{
		"No hint here.\n": "",
		"<details><summary>Hint</summary>\n\nKeep `a<b>` &lt;as is&gt;.<br>\n\n\n\nNext.\n</details>\nAfter.\n": "Keep `a<b>` <as is>.\n\nNext.",
		"<DETAILS>\n<summary>\nHint\n</summary>\nText\n":                                                        "Text",
	} {
		if got := hintText(section); got != want {
			t.Errorf("hintText(%q) = %q, want %q", section, got, want)
		}
	}
}

func TestBriefHint(t *testing.T) {
	t.Parallel()
	hint := "Do this:\n\n```go\ncode()\n```\n\n```go\nmore()\n```\n\nThen that.\n\n```sh\nrun\n```"
	want := "Do this:\n\n(code: CMD)\n\nThen that.\n\n(code: CMD)"
	if got := Brief(hint, "CMD"); got != want {
		t.Errorf("briefHint = %q, want %q", got, want)
	}
}

func TestHowToRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := HowToRun(dir, "FALLBACK"); got != "FALLBACK" {
		t.Errorf("howToRun without README = %q", got)
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte(fixture.Stage1Guide), 0o644)
	if got := HowToRun(dir, "FALLBACK"); got != "go test -failfast ./calc" {
		t.Errorf("howToRun = %q", got)
	}
}

func TestGuideHints(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(fixture.Stage1Guide), 0o644); err != nil {
		t.Fatal(err)
	}
	var src HintSource = GuideHints{}
	h, ok := src.Hint(dir, 2)
	if want := (Hint{Text: "Use `-`.", File: filepath.Join(dir, "README.md"), Line: 22}); !ok || h != want {
		t.Errorf("Hint(step 2) = %+v, %v; want %+v", h, ok, want)
	}
	if _, ok := src.Hint(dir, 3); ok {
		t.Errorf("Hint found a step 3")
	}
}

func TestTitle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("<!-- x -->\n## Not this\n# Stage 01 — the service\n\n# Later\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Title(dir); got != "the service" {
		t.Errorf("Title = %q, want the first # heading without its stage number", got)
	}
	if got := Title(t.TempDir()); got != "" {
		t.Errorf("Title without a guide = %q", got)
	}
}
