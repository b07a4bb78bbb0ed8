package todosd

import "fmt"

// notWritten is the error of a part of this stage that is not written yet:
// what, and the step of the stage README that writes it.
func notWritten(what string, step int) error {
	return fmt.Errorf("%s is not written yet: do stage 06, step %d", what, step)
}
