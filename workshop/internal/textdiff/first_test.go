package textdiff

import "testing"

func TestFirstDifference(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ a, b, want string }{
		{"x\ny\n", "x\nz\n", "f, line 2:\n  exercise: \"y\"\n  solution: \"z\""},
		{"x\n", "x\ny", "f, line 2:\n  exercise: \"\"\n  solution: \"y\""},
		{"x", "x\ny", "f, line 2:\n  exercise: (end of file)\n  solution: \"y\""},
	} {
		if got := FirstDifference("f", "exercise", []byte(c.a), "solution", []byte(c.b)); got != c.want {
			t.Errorf("FirstDifference(%q, %q) =\n%s\nwant\n%s", c.a, c.b, got, c.want)
		}
	}
	if got := FirstDifference("f", "committed", []byte("a"), "regenerated", []byte("b")); got != "f, line 1:\n  committed:   \"a\"\n  regenerated: \"b\"" {
		t.Errorf("labels of different widths: %q", got)
	}
}
