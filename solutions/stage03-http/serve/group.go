package serve

import (
	"context"
	"errors"
	"fmt"
	stdlog "log"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/go-kit/log"
	"github.com/oklog/run"
)

// GracefulServer is a server that stops the way a *grpc.Server does:
// GracefulStop stops taking calls and waits for those in flight, Stop ends
// them. Serve returns nil after either.
type GracefulServer interface {
	Serve(net.Listener) error
	GracefulStop()
	Stop()
}

// A Group is the servers of one process and their shared lifecycle (see the
// package comment). Make one with NewGroup, add servers with HTTP and
// Graceful, defer Close, then Run.
type Group struct {
	logger       log.Logger
	grace        time.Duration
	drainTimeout time.Duration
	servers      []*server
	onStop       []func()
	notReady     atomic.Bool // the stop has begun: phase 1 or later
}

// server is one listening server of a group.
type server struct {
	name     string
	listener net.Listener
	serve    func(net.Listener) error // returns once stop has begun, or on failure
	stop     func(ctx context.Context) error
}

// NewGroup returns an empty group that logs on logger and shuts down with
// the grace period and drain timeout of f.
func NewGroup(logger log.Logger, f Flags) *Group {
	return &Group{logger: logger, grace: f.Grace, drainTimeout: f.DrainTimeout}
}

// HTTP listens on addr and adds a server of handler to the group, under
// name (e.g. "HTTP" or "debug"). It returns the address bound: with port 0,
// a free port.
func (g *Group) HTTP(name, addr string, handler http.Handler) (net.Addr, error) {
	s := &http.Server{
		Handler:           g.closeWhenNotReady(handler),
		ErrorLog:          stdlog.New(log.NewStdlibAdapter(log.With(g.logger, "transport", name)), "", 0),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second, // pprof's profile takes 30 s by default
		IdleTimeout:       2 * time.Minute,
	}
	return g.add(name, addr,
		func(l net.Listener) error {
			if err := s.Serve(l); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
		func(ctx context.Context) error {
			if err := s.Shutdown(ctx); err != nil {
				s.Close() // the drain timed out: cut off what is left
				return err
			}
			return nil
		})
}

// closeWhenNotReady wraps the handler of an HTTP server: once the stop has
// begun, every response asks its client to close the connection
// ("Connection: close"). A keep-alive client learns it with its next answer,
// during the grace period, and sends its following request on a new
// connection. Without it, the drain closes idle keep-alive connections
// while their clients may be writing a request on them: the client gets EOF
// or a reset for a request already sent, and cannot tell whether it ran.
func (g *Group) closeWhenNotReady(handler http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.notReady.Load() {
			w.Header().Set("Connection", "close")
		}
		handler.ServeHTTP(w, r)
	})
}

// Graceful listens on addr and adds s to the group, under name (e.g.
// "gRPC"). It returns the address bound.
func (g *Group) Graceful(name, addr string, s GracefulServer) (net.Addr, error) {
	return g.add(name, addr, s.Serve, func(ctx context.Context) error {
		drained := make(chan struct{})
		go func() {
			s.GracefulStop()
			close(drained)
		}()
		select {
		case <-drained:
			return nil
		case <-ctx.Done():
			s.Stop() // the drain timed out: cut off what is left
			<-drained
			return ctx.Err()
		}
	})
}

// add listens on addr and adds the server.
func (g *Group) add(name, addr string, serve func(net.Listener) error, stop func(context.Context) error) (net.Addr, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	g.servers = append(g.servers, &server{name: name, listener: l, serve: serve, stop: stop})
	g.logger.Log("msg", "listening", "transport", name, "addr", l.Addr())
	return l.Addr(), nil
}

// OnStop adds f to what the group runs first when it stops, to report that
// this process is no longer ready for new requests (e.g. deregister it).
// The funcs run newest first, before the grace period. Call it before Run.
func (g *Group) OnStop(f func()) {
	g.onStop = append(g.onStop, f)
}

// Close closes the listeners of a group that will not run, e.g. when a
// later listen failed; defer it right after NewGroup. After Run the
// listeners are closed already, and Close changes nothing.
func (g *Group) Close() {
	for _, s := range g.servers {
		s.listener.Close()
	}
}

// Run serves until ctx is done or a server fails, then shuts down in
// phases (see the package comment). It returns the error of the server
// that failed, or nil after a clean stop.
func (g *Group) Run(ctx context.Context) error {
	// An oklog/run group: each actor runs until it returns or is
	// interrupted, and the first to return interrupts all the others.
	var actors run.Group
	{
		stopping, cancel := context.WithCancel(ctx)
		actors.Add(func() error {
			<-stopping.Done()
			// ctx done is a stop signal; stopping alone, a server failed.
			g.stopServing(ctx.Err() != nil)
			g.logger.Log("msg", "shutting down", "timeout", g.drainTimeout)
			return nil
		}, func(error) {
			cancel()
		})
	}
	for _, s := range g.servers {
		drained := make(chan struct{})
		actors.Add(func() error {
			if err := s.serve(s.listener); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			<-drained // serve returns as soon as the stop starts: wait for the drain
			return nil
		}, func(error) {
			// oklog/run interrupts the actors one after the other: drain in
			// the background, so that every server drains at the same time.
			go func() {
				defer close(drained)
				ctx, cancel := context.WithTimeout(context.Background(), g.drainTimeout)
				defer cancel()
				if err := s.stop(ctx); err != nil {
					g.logger.Log("msg", "drain cut short", "transport", s.name, "err", err)
				}
			}()
		})
	}
	err := actors.Run()
	g.logger.Log("msg", "stopped")
	return err
}

// stopServing marks the group not ready (HTTP answers ask clients to
// close their connections), runs the OnStop funcs, newest first, then waits
// out the grace period if the stop was asked for (a failed server needs no
// grace).
func (g *Group) stopServing(asked bool) {
	g.notReady.Store(true)
	for i := len(g.onStop) - 1; i >= 0; i-- {
		g.onStop[i]()
	}
	if asked && g.grace > 0 {
		g.logger.Log("msg", "not ready", "grace", g.grace)
		time.Sleep(g.grace)
	}
}
