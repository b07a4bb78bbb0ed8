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

// HTTPServer is a real todo server on 127.0.0.1: stage 03's HTTP API over
// the finished service, on its own handle of a shared SQLite file. It counts
// the requests to /todos it answers.
type HTTPServer struct {
	// URL is the server's base URL, http://127.0.0.1:port: its instance,
	// what it registers in etcd.
	URL string

	hits   atomic.Int64
	hang   atomic.Bool
	server *http.Server
	store  *sqlite.Store
	dead   atomic.Bool
}

// StartHTTPServer starts a server over the SQLite file at db and stops it
// when the test ends.
func StartHTTPServer(t testing.TB, db string) *HTTPServer {
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
	s := &HTTPServer{URL: "http://" + listener.Addr().String(), store: store}
	handler := todohttp.NewHandler(todoendpoint.New(todo.NewService(store, nil)), s.URL)
	s.server = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/todos") {
				s.hits.Add(1)
				if s.hang.Load() {
					<-r.Context().Done() // until the client gives up
					return
				}
			}
			handler.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go s.server.Serve(listener)
	t.Cleanup(s.Kill)
	return s
}

// Hits returns how many requests to /todos the server has answered or is
// answering.
func (s *HTTPServer) Hits() int64 { return s.hits.Load() }

// Hang makes the server stop answering, as an overloaded or stuck server
// does: from now on, each request to /todos waits until its client gives
// up (its timeout, or its context), and gets no answer.
func (s *HTTPServer) Hang() { s.hang.Store(true) }

// Kill stops the server at once, as a crash would: the listener and every
// connection close, requests in flight fail. It deregisters nothing.
func (s *HTTPServer) Kill() {
	if s.dead.Swap(true) {
		return
	}
	s.server.Close()
	s.store.Close()
}

// Stop stops the server gracefully: it stops accepting, lets requests in
// flight finish (for up to 5s), then closes.
func (s *HTTPServer) Stop() error {
	if s.dead.Swap(true) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.server.Shutdown(ctx)
	s.store.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
