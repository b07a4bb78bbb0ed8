package main

import (
	"fmt"
	"io"
)

// runStart is the start subcommand (and the default): it lists the stages
// and tells a learner where to begin.
func runStart(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: go run ./workshop start")
		return exitUsage
	}
	root, err := findRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exitFail
	}
	stages, err := findStages(root)
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return exitFail
	}
	return start(stages, stdout, stderr)
}

// start prints the stages that have an exercise, with their titles, and
// how to begin the first one.
func start(all []stage, stdout, stderr io.Writer) int {
	var stages []stage
	for _, s := range all {
		if s.exercise.path != "" {
			stages = append(stages, s)
		}
	}
	if len(stages) == 0 {
		fmt.Fprintln(stderr, "workshop: no stages found (directories like stage01-service with a go.mod)")
		return exitFail
	}
	fmt.Fprintln(stdout, "Go kit workshop stages:")
	for _, s := range stages {
		fmt.Fprintf(stdout, "  %-20s %s\n", s.name, readmeTitle(s.exercise.dir))
	}
	first := stages[0].name
	fmt.Fprintf(stdout, "\nStart with %s: read %s/README.md, then run:\n  cd %s && go test -failfast ./...\n", first, first, first)
	fmt.Fprintln(stdout, "Stuck? The finished stage is in solutions/"+first+".")
	return exitOK
}
