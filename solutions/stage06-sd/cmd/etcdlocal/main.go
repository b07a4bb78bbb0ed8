// Command etcdlocal runs a standalone, single-member etcd on this machine,
// for learners with nothing installed: the registry that several todosvc
// processes (and todocli) share. It is etcd itself, embedded
// (go.etcd.io/etcd/server/v3/embed), so etcdctl and every etcd client work
// with it.
//
//	etcdlocal                        # 127.0.0.1:2379, data in $TMPDIR/etcdlocal.data
//	etcdlocal -addr 127.0.0.1:2479 -data-dir /tmp/etcd
//
// Ctrl-C (SIGINT) or SIGTERM stops it cleanly. The data stays in the data
// directory for the next start; delete it to start afresh. Its default is
// in the system's temporary folder, not the current one, so that it never
// lands in a git working tree.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/go-kit/log"
	"go.uber.org/zap"

	"github.com/gokit-workshop/workshop/solutions/stage06-sd/internal/embedetcd"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "etcdlocal:", err)
		os.Exit(1)
	}
}

// run starts etcd and serves until ctx is done. It logs, in logfmt on
// stderr, the client address it listens on (port 0 picks a free one).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("etcdlocal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		addr     = fs.String("addr", "127.0.0.1:2379", "client listen `address`: what -etcd-endpoints names")
		peerAddr = fs.String("peer-addr", "127.0.0.1:2380", "peer listen `address` (a single member never uses it, but etcd needs one)")
		dataDir  = fs.String("data-dir", filepath.Join(os.TempDir(), "etcdlocal.data"), "data `directory`, kept between runs")
		verbose  = fs.Bool("v", false, "print etcd's own logs")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := log.With(log.NewLogfmtLogger(log.NewSyncWriter(stderr)), "ts", log.DefaultTimestampUTC)

	zapLogger := zap.NewNop()
	if *verbose {
		var err error
		if zapLogger, err = zap.NewDevelopment(); err != nil {
			return err
		}
	}
	server, err := embedetcd.Start(embedetcd.Config{
		Dir:        *dataDir,
		ClientAddr: *addr,
		PeerAddr:   *peerAddr,
		Logger:     zapLogger,
	})
	if err != nil {
		return err
	}
	defer server.Close()
	logger.Log("msg", "etcd ready", "addr", server.Addr(), "data_dir", *dataDir)

	select {
	case <-ctx.Done():
		logger.Log("msg", "stopping")
		return nil
	case err := <-server.Err():
		return err
	}
}
