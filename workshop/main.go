package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/check"
	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/learner"
)

// A command is one subcommand of the workshop command. To add one, write
// its work in the internal package of its audience and list it in commands.
type command struct {
	name    string // what the user types, e.g. "verify"
	args    string // synopsis of its arguments, which follow its flags
	minArgs int    // how many arguments it takes at least
	maxArgs int    // and at most; -1: any number
	summary string // one line for the list of commands
	about   string // what its -h shows below the synopsis
	// setup declares the command's flags on fs and returns what runs it,
	// on the arguments left after the flags.
	setup func(fs *flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
}

// commands are the subcommands, in the order the usage text lists them.
var commands = []command{{
	name: "status", maxArgs: 0,
	summary: "where you stand: steps passed per stage, the next step and its failing test (the default)",
	about: "Shows how many steps of each stage pass, then the next step: where to read,\n" +
		"its failing test and what it says, and the hint command (never a hint itself).\n" +
		"It runs only the stages changed since their last run (results are kept in\n" +
		".workshop/results.json); a stage as shipped is not started, without a run.",
	setup: func(*flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return func(_ []string, stdout, stderr io.Writer) int { return learner.Status(stdout, stderr) }
	},
}, {
	name: "watch", args: "[stage]", maxArgs: 1,
	summary: "run the current stage's tests on every save; Enter: again, h: hint, q: quit",
	about:   learner.WatchAbout,
	setup: func(*flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return func(args []string, stdout, stderr io.Writer) int { return learner.Watch(first(args), stdout, stderr) }
	},
}, {
	name: "hint", args: learner.HintArgs, maxArgs: 2,
	summary: "a step's hint, by levels; check answers",
	about:   learner.HintAbout,
	setup: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		level := fs.Int("level", 1, "show level `N` of the hint: 1 the idea and what to read, 2 a sketch, 3 the solution's code")
		all := fs.Bool("all", false, "every level at once (for instructors)")
		return func(args []string, stdout, stderr io.Writer) int {
			return learner.Hint(args, *level, *all, stdout, stderr)
		}
	},
}, {
	name: "diff", args: "[stage]", maxArgs: 1,
	summary: "your files of a stage against the solution's (module path aside)",
	about:   learner.DiffAbout,
	setup: func(*flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return func(args []string, stdout, stderr io.Writer) int { return learner.Diff(first(args), stdout, stderr) }
	},
}, {
	name: "reset", args: "<stage>", minArgs: 1, maxArgs: 1,
	summary: "put a stage's files back as shipped (git HEAD), after a backup of yours",
	about:   learner.ResetAbout,
	setup: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		yes := fs.Bool("y", false, "do not ask before resetting")
		fs.BoolVar(yes, "yes", false, "the same as -y")
		return func(args []string, stdout, stderr io.Writer) int { return learner.Reset(args[0], *yes, stdout, stderr) }
	},
}, {
	name: "prefetch", maxArgs: 0,
	summary: "download and build everything once, for a room without a network",
	about:   learner.PrefetchAbout,
	setup: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		verbose := fs.Bool("v", false, "list every module it downloaded")
		return func(_ []string, stdout, stderr io.Writer) int { return learner.Prefetch(*verbose, stdout, stderr) }
	},
}, {
	name: "verify", args: "[stage ...]", maxArgs: -1,
	summary: "maintainer check: solutions pass, exercises fail as shipped, twins match",
	about:   check.About,
	setup: func(*flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return check.Verify
	},
}}

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
		return exit.OK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "workshop: unknown command %q\n\n", args[0])
	usage(stderr)
	return exit.Usage
}

// run parses the command's flags from args, checks the arguments left, and
// runs the command. -h shows its usage on stdout; a wrong command line
// shows what is wrong and the usage on stderr.
func (c command) run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and usage are printed below, each where it belongs
	fs.Usage = func() {}
	runIt := c.setup(fs)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.usage(fs, stdout)
		return exit.OK
	case err != nil:
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown flag " + name
		}
		return c.usageError(fs, stderr, msg)
	}
	rest := fs.Args()
	for _, arg := range rest {
		if len(arg) > 1 && strings.HasPrefix(arg, "-") {
			return c.usageError(fs, stderr, arg+" after the arguments: flags come first")
		}
	}
	switch {
	case len(rest) < c.minArgs:
		return c.usageError(fs, stderr, "missing "+c.args)
	case c.maxArgs >= 0 && len(rest) > c.maxArgs:
		return c.usageError(fs, stderr, "too many arguments: "+strings.Join(rest, " "))
	}
	return runIt(rest, stdout, stderr)
}

// usageError prints what is wrong with the command line and the command's
// synopsis to w, and returns the exit status of a wrong command line.
func (c command) usageError(fs *flag.FlagSet, w io.Writer, msg string) int {
	fmt.Fprintf(w, "workshop %s: %s\n", c.name, msg)
	fmt.Fprintf(w, "usage: go run ./workshop %s   (-h says more)\n", strings.TrimSpace(c.name+" "+synopsis(fs, c.args)))
	return exit.Usage
}

// usage prints the command's synopsis, what it does and its flags.
func (c command) usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "usage: go run ./workshop %s\n", strings.TrimSpace(c.name+" "+synopsis(fs, c.args)))
	if c.about != "" {
		fmt.Fprintf(w, "\n%s\n", c.about)
	}
	if hasFlags(fs) {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// synopsis returns the flags of fs and then args, as a usage line shows them.
func synopsis(fs *flag.FlagSet, args string) string {
	var parts []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 { // the long spelling of a flag is in its -h
			parts = append(parts, "[-"+f.Name+"]")
		}
	})
	if args != "" {
		parts = append(parts, args)
	}
	return strings.Join(parts, " ")
}

// hasFlags reports whether fs declares a flag.
func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// usage prints the list of subcommands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: go run ./workshop [command] [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.setup(fs)
		line := strings.TrimSpace(c.name + " " + synopsis(fs, c.args))
		if len(line) > 24 { // too long for the column: the summary goes below
			fmt.Fprintf(w, "  %s\n  %-24s %s\n", line, "", c.summary)
			continue
		}
		fmt.Fprintf(w, "  %-24s %s\n", line, c.summary)
	}
	fmt.Fprintf(w, "  %-24s %s\n", "help", "show this text")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Flags come before the arguments: reset -y stage01. Each command's -h says more.")
	fmt.Fprintln(w, "Run it from the repository root (or anywhere below it: go run ../workshop).")
	fmt.Fprintln(w, "Stages are named in full (stage02-endpoints) or by number (stage02).")
}

// first returns the first of args, or "" when there is none.
func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
