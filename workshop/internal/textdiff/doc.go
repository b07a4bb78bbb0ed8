// Package textdiff compares texts line by line: a unified diff, as diff -u
// and git diff print it, for the learner's diff command, and the first line
// that differs, for the checks that want two files equal.
package textdiff
