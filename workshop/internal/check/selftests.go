package check

import "path/filepath"

// checkSelfTests runs the workshop command's own tests. They build their own
// fixture repositories; recursionGuard stops them from ever running verify
// on this one.
func (v *verifier) checkSelfTests() result {
	dir := filepath.Join(v.root, "workshop")
	out, err := v.goCmd.Run(dir, []string{recursionGuard + "=" + v.root}, "test", "-count=1", "./...")
	if err != nil {
		return testFailure(out)
	}
	return pass()
}
