// Command workshop guides learners through the Go kit workshop and checks
// the workshop for its maintainers.
//
// Run it from anywhere inside the repository:
//
//	go run ./workshop              where you stand: steps passed, the next step
//	go run ./workshop watch        run the current stage's tests on every save
//	go run ./workshop hint         the hint of the next step (hint stage02 3: any step)
//	go run ./workshop diff stage01 your files against the solution's
//	go run ./workshop reset stage01  a stage's files as shipped (after a backup)
//	go run ./workshop prefetch     download and build everything, for offline rooms
//	go run ./workshop verify       the maintainer check (every stage)
//	go run ./workshop help
package main

import (
	"fmt"
	"io"
	"os"
)

// A command is one subcommand of the workshop command.
// To add one, write its run function in a file of its own and list it in commands.
type command struct {
	name    string // what the user types, e.g. "verify"
	args    string // argument synopsis for the usage text
	summary string // one line for the usage text
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands are the subcommands, in the order the usage text lists them.
var commands = []command{
	{"status", "", "where you stand: steps passed per stage, the next step, its hint (the default)", runStatus},
	{"watch", "[stage]", "run the current stage's tests on every save; Enter: again, h: hint, q: quit", runWatch},
	{"hint", "[stage] [step]", "the hint of the next step, or of the step named (from the stage guide)", runHint},
	{"diff", "[stage]", "your files of a stage against the solution's (module path aside)", runDiff},
	{"reset", "[-y] <stage>", "put a stage's files back as shipped (git HEAD), after a backup of yours", runReset},
	{"prefetch", "[-v]", "download and build everything once, for a room without a network", runPrefetch},
	{"verify", "[stage ...]", "maintainer check: solutions pass, exercises fail as shipped, twins match", runVerify},
}

// aliases are other names of commands: start is what the default command
// was called before it showed progress.
var aliases = map[string]string{"start": "status"}

// Exit statuses.
const (
	exitOK    = 0 // done, or every check passed
	exitFail  = 1 // a check failed, or the command could not do its job
	exitUsage = 2 // the command line was wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"status"}
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	if name, ok := aliases[args[0]]; ok {
		args = append([]string{name}, args[1:]...)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "workshop: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// usage prints the list of subcommands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: go run ./workshop [command] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-24s %s\n", c.name+" "+c.args, c.summary)
	}
	fmt.Fprintf(w, "  %-24s %s\n", "help", "show this text")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run it from the repository root (or anywhere below it: go run ../workshop).")
	fmt.Fprintln(w, "Stages are named in full (stage02-endpoints) or by number (stage02).")
}
