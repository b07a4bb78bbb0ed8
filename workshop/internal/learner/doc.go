// Package learner is the learner's side of the workshop command: the
// progress board (status), watch, hint, diff, reset and prefetch.
//
// Each command opens a session on the repository that holds the working
// directory (session.go), checks first that the go command and cgo work,
// and prints for a person at a terminal: paths relative to where they
// stand, colour only on a terminal (palette.go). The board and watch run
// each stage's step tests quietly (progress.go) and show the next step, its
// failing test, the section of the stage guide to read and its hint.
package learner
