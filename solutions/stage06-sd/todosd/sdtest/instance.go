package sdtest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// SharedDB returns the path of a new SQLite file in t.TempDir(), for the
// instances of one test to share, as the servers of a real deployment share
// one database.
func SharedDB(t testing.TB) string {
	return filepath.Join(t.TempDir(), "todo.db")
}

// Instance is a real todo server on 127.0.0.1: stage 03's HTTP API over the
// finished service, on its own handle of a shared SQLite file. It counts
// the requests to /todos it answers.
type Instance struct {
	// URL is the instance's base URL, http://127.0.0.1:port: what a server
	// registers in etcd.
	URL string

	hits   atomic.Int64
	server *http.Server
	store  *sqlite.Store
	dead   atomic.Bool
}

// StartInstance starts an instance over the SQLite file at db and stops it
// when the test ends.
func StartInstance(t testing.TB, db string) *Instance {
	t.Helper()
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open the shared database %s: %v", db, err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	in := &Instance{URL: "http://" + listener.Addr().String(), store: store}
	handler := todohttp.NewHandler(todoendpoint.New(todo.NewService(store, nil)), in.URL)
	in.server = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/todos") {
				in.hits.Add(1)
			}
			handler.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go in.server.Serve(listener)
	t.Cleanup(in.Kill)
	return in
}

// Hits returns how many requests to /todos the instance has answered or is
// answering.
func (in *Instance) Hits() int64 { return in.hits.Load() }

// Kill stops the instance at once, as a crash would: the listener and every
// connection close, requests in flight fail. It deregisters nothing.
func (in *Instance) Kill() {
	if in.dead.Swap(true) {
		return
	}
	in.server.Close()
	in.store.Close()
}

// Stop stops the instance gracefully: it stops accepting, lets requests in
// flight finish (for up to 5s), then closes.
func (in *Instance) Stop() error {
	if in.dead.Swap(true) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := in.server.Shutdown(ctx)
	in.store.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
