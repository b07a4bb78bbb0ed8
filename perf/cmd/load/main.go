// Command load runs concurrent clients for a fixed time against a running
// todo server, over HTTP or gRPC, with a mix of reads and writes, and prints
// the throughput and the p50, p90 and p99 latency of what it answered.
//
//	load -target http -addr 127.0.0.1:8080 -clients 16 -duration 10s
//	load -target grpc -addr 127.0.0.1:8082 -mix get=90,update=10
//
// It seeds the server with -seed todos first (so run it against a fresh
// database), warms up for -warmup, then measures for -duration, and stops by
// itself. It only connects to loopback addresses. It exits 1 if a request
// failed. compare.sh, beside it, runs it against the kit stack and the
// plain baseline one after the other.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gokit-workshop/workshop/perf/load"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// run parses the flags, runs the load and reports it on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg load.Config
	fs.StringVar(&cfg.Target, "target", "http", "protocol of the server: `http` or grpc")
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "the server's loopback `host:port`")
	fs.IntVar(&cfg.Clients, "clients", 16, "concurrent clients")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long to measure")
	fs.DurationVar(&cfg.Warmup, "warmup", 2*time.Second, "how long to run before measuring")
	fs.IntVar(&cfg.Seed, "seed", 100, "todos to create before the run")
	mix := fs.String("mix", load.DefaultMix, "weight of each operation: get, list, create, update, delete")
	label := fs.String("label", "", "a name for this run in the summary line (default: the target)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var err error
	if cfg.Mix, err = load.ParseMix(*mix); err != nil {
		return err
	}
	if *label == "" {
		*label = cfg.Target
	}
	res, err := load.Run(ctx, cfg)
	if err != nil {
		return err
	}
	load.Report(stdout, res)
	load.Summary(stdout, *label, res)
	if res.Errors > 0 {
		return fmt.Errorf("%d requests failed", res.Errors)
	}
	return nil
}
