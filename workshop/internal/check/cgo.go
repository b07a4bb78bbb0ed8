package check

// checkCgo checks that cgo works (see repo.Go.CheckCgo); on failure it
// gives the exact fix.
func (v *verifier) checkCgo() result {
	if p := v.goCmd.CheckCgo(v.root); p != nil {
		return fail(p.Summary, p.Detail)
	}
	return pass()
}
