// Command baseline serves the todo API without Go kit: the plain net/http
// handler and the plain gRPC server of package baseline, over the same
// stage 01 service and SQLite store as todosvc. It is the yardstick the load
// tool measures the kit stack against.
//
//	baseline -http-addr 127.0.0.1:8090 -grpc-addr 127.0.0.1:8092 -db base.db
//
// It logs the addresses it listens on (port 0 picks free ones), as todosvc
// does, and stops on SIGINT or SIGTERM after the requests in flight finish.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"

	"github.com/gokit-workshop/workshop/perf/baseline"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

// run opens the store and serves HTTP and gRPC until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		httpAddr  = fs.String("http-addr", "127.0.0.1:8090", "HTTP listen `address`")
		grpcAddr  = fs.String("grpc-addr", "127.0.0.1:8092", "gRPC listen `address`")
		dbPath    = fs.String("db", "baseline.db", "SQLite database `file`")
		publicURL = fs.String("public-url", "", "the service's `URL` as clients see it (default: the request's host)")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))

	store, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := todo.NewService(store, time.Now)

	httpListener, err := net.Listen("tcp", *httpAddr)
	if err != nil {
		return err
	}
	grpcListener, err := net.Listen("tcp", *grpcAddr)
	if err != nil {
		httpListener.Close()
		return err
	}
	httpServer := &http.Server{
		Handler:           baseline.NewHandler(svc, *publicURL, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	api := baseline.NewGRPCServer(svc, logger)
	grpcServer := grpc.NewServer(grpc.UnaryInterceptor(api.Recover))
	todov1.RegisterTodoServiceServer(grpcServer, api)

	served := make(chan error, 2)
	go func() { served <- httpServer.Serve(httpListener) }()
	go func() { served <- grpcServer.Serve(grpcListener) }()
	logger.Info("listening", "transport", "HTTP", "addr", httpListener.Addr(), "db", *dbPath)
	logger.Info("listening", "transport", "gRPC", "addr", grpcListener.Addr(), "db", *dbPath)

	select {
	case err := <-served:
		httpServer.Close()
		grpcServer.Stop()
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stopped := make(chan struct{})
	go func() { grpcServer.GracefulStop(); close(stopped) }()
	err = httpServer.Shutdown(shutdownCtx)
	select {
	case <-stopped:
	case <-shutdownCtx.Done():
		grpcServer.Stop()
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}
