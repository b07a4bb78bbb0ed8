package textdiff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	t.Parallel()
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n15\n16\n"
	want := `--- a
+++ b
@@ -1,6 +1,6 @@
 1
 2
-3
+three
 4
 5
 6
@@ -11,5 +11,5 @@
 11
 12
 13
-14
 15
+16
`
	if got := Unified("a", "b", a, b); got != want {
		t.Errorf("Unified =\n%s\nwant\n%s", got, want)
	}
	if got := Unified("a", "b", a, a); got != "" {
		t.Errorf("Unified of equal texts = %q", got)
	}
	for _, c := range []struct{ a, b, want string }{
		{"", "x\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"},
		{"x\n", "", "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n"},
		{"x", "x\n", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n"},
	} {
		if got := Unified("a", "b", c.a, c.b); got != c.want {
			t.Errorf("Unified(%q, %q) =\n%s\nwant\n%s", c.a, c.b, got, c.want)
		}
	}
}

// TestLineEditsRandom checks on random texts that the edits turn a into b,
// and that they are minimal where that is easy to tell.
func TestLineEditsRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "c", "d"}
	for range 500 {
		a := make([]string, rng.IntN(12))
		b := make([]string, rng.IntN(12))
		for i := range a {
			a[i] = words[rng.IntN(len(words))]
		}
		for i := range b {
			b[i] = words[rng.IntN(len(words))]
		}
		edits, ok := lineEdits(a, b)
		if !ok {
			t.Fatal("lineEdits refused small input")
		}
		var gotA, gotB []string
		changes := 0
		for _, e := range edits {
			if e.kind != '+' {
				gotA = append(gotA, e.text)
			}
			if e.kind != '-' {
				gotB = append(gotB, e.text)
			}
			if e.kind != ' ' {
				changes++
			}
		}
		if !slices.Equal(gotA, a) || !slices.Equal(gotB, b) {
			t.Fatalf("edits of %q -> %q do not reproduce them: %q", a, b, edits)
		}
		if lcs := lcsLength(a, b); changes != len(a)+len(b)-2*lcs {
			t.Fatalf("edits of %q -> %q: %d changes, want the minimum %d", a, b, changes, len(a)+len(b)-2*lcs)
		}
	}
	if _, ok := lineEdits(make([]string, MaxLines), []string{"x"}); ok {
		t.Errorf("lineEdits compared texts over the limit")
	}
	if got := Unified("a", "b", strings.Repeat("x\n", MaxLines), "y\n"); !strings.Contains(got, "too long to compare") {
		t.Errorf("Unified of long texts = %q", got)
	}
}

// lcsLength returns the length of the longest common subsequence of a and b.
func lcsLength(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}
