package check

import (
	"slices"
	"testing"
)

func TestFailedTests(t *testing.T) {
	t.Parallel()
	out := "ok  \tm/a\t0.1s\n--- FAIL: TestA (0.00s)\n    a_test.go:3: boom\n    --- FAIL: TestA/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\nFAIL\tm/b\t0.2s\n?   \tm/c\t[no test files]\n"
	if got, want := failedTests(out), []string{"TestA", "TestB"}; !slices.Equal(got, want) {
		t.Errorf("failedTests = %q, want %q", got, want)
	}
}
