package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// Step 5: the server command (README, "Step 5"). Run:
// go test ./cmd/todosvc -run TestStep5

// fatalf ends the test with the diagnosis of a step 5 failure and the
// command that gives a hint.
func fatalf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Fatalf("step 5: %s\n(stuck? go run ../workshop hint stage03 5)", fmt.Sprintf(format, args...))
}

// needTodohttp stops a step 5 test when the handler of package todohttp
// (steps 1 to 3) does not serve the contract yet: wire only puts it
// together, so step 5 cannot pass before it.
func needTodohttp(t *testing.T) {
	t.Helper()
	srv := httptest.NewServer(todohttp.NewHandler(todoendpoint.New(todotest.NewService(t)), ""))
	defer srv.Close()
	for _, req := range []struct{ method, path, body string }{
		{"POST", "/todos", `{"title": "a"}`},
		{"GET", "/todos", ""},
		{"PATCH", "/todos/1", `{"completed": true}`},
		{"DELETE", "/todos/1", ""},
	} {
		r, _ := http.NewRequest(req.method, srv.URL+req.path, strings.NewReader(req.body))
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			t.Fatalf("step 5 needs steps 1 to 3 of package todohttp: its handler answered %s %s with %d %s.\n"+
				"Finish them first: go test ./todohttp\n(stuck? go run ../workshop hint stage03)", req.method, req.path, resp.StatusCode, strings.TrimSpace(string(body)))
		}
	}
}

// stubbed fails the test when wire's answer is the stub's.
func stubbed(t *testing.T, status int, body string) {
	t.Helper()
	if status == http.StatusNotImplemented && strings.Contains(body, "not wired yet") {
		fatalf(t, "the server answered %d %q: wire (wire.go) still returns its stub", status, strings.TrimSpace(body))
	}
}

// started is a run in the background.
type started struct {
	base   string                // http://127.0.0.1:port
	logs   *servetest.SyncBuffer // run's stderr
	cancel context.CancelFunc    // what SIGINT or SIGTERM does in main
	done   chan error            // run's result
}

// start runs the command on port 0 over a new SQLite file and waits until it
// logs the address it listens on.
func start(t *testing.T) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{logs: &servetest.SyncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	args := []string{"-http-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "todo.db")}
	go func() { s.done <- run(ctx, args, s.logs) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})

	addr := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err // for Cleanup
			fatalf(t, "run(%q) returned at once: %v\nlogs:\n%s", args, err, s.logs)
		default:
		}
		if m := addr.FindStringSubmatch(s.logs.String()); m != nil {
			s.base = "http://" + m[1]
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
	fatalf(t, "run did not log \"transport=HTTP addr=…\" within 10s; logs:\n%s", s.logs)
	return nil
}

// waitForLog waits until run has logged text.
func (s *started) waitForLog(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(s.logs.String(), text) {
			return
		}
	}
	fatalf(t, "run did not log %q within 10s; logs:\n%s", text, s.logs)
}

// stopped waits for run to return after cancel and returns its error.
func (s *started) stopped(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(15 * time.Second):
		fatalf(t, "run did not return within 15s of its context being cancelled; logs:\n%s", s.logs)
		return nil
	}
}

func TestStep5RunServesTheAPI(t *testing.T) {
	needTodohttp(t)
	s := start(t)

	resp, err := http.Post(s.base+"/todos", "application/json", strings.NewReader(`{"title": "from the real server"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	stubbed(t, resp.StatusCode, string(body))
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"title":"from the real server"`) {
		fatalf(t, "POST /todos on the real server answered %d %q; want 201 and the todo: the handler wire returns "+
			"serves the endpoints of the service over the store it is given", resp.StatusCode, body)
	}

	s.cancel()
	if err := s.stopped(t); err != nil {
		fatalf(t, "after its context was cancelled, run returned %v; want nil (a clean stop exits 0)", err)
	}
}

// brokenStore is a todo.Store whose every call fails as a disk would: the
// errors a user must never see.
type brokenStore struct{}

var errDisk = errors.New("sqlite: disk I/O error (/var/lib/todo/todo.db)")

func (brokenStore) Insert(context.Context, todo.Todo) (todo.Todo, error) { return todo.Todo{}, errDisk }
func (brokenStore) Select(context.Context, int64) (todo.Todo, error)     { return todo.Todo{}, errDisk }
func (brokenStore) SelectAll(context.Context) ([]todo.Todo, error)       { return nil, errDisk }
func (brokenStore) Update(context.Context, int64, todo.Patch, time.Time) (todo.Todo, error) {
	return todo.Todo{}, errDisk
}
func (brokenStore) Delete(context.Context, int64) error { return errDisk }
func (brokenStore) DeleteAll(context.Context) error     { return errDisk }

func TestStep5InternalErrorsAreLoggedNotShown(t *testing.T) {
	needTodohttp(t)
	var logs servetest.SyncBuffer
	srv := httptest.NewServer(wire(brokenStore{}, "", serve.NewLogger(&logs)))
	t.Cleanup(srv.Close)

	resp, err := http.Get(srv.URL + "/todos")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	stubbed(t, resp.StatusCode, string(body))
	var answer struct{ Error string }
	json.Unmarshal(body, &answer)
	if resp.StatusCode != http.StatusInternalServerError || answer.Error != "internal error" {
		fatalf(t, "GET /todos over a store whose disk fails answered %d %s; want 500 and {\"error\": \"internal error\"}: "+
			"the user sees no internals", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	if !strings.Contains(logs.String(), "disk I/O error") {
		fatalf(t, "GET /todos over a store whose disk fails answered 500, and the log holds %q; want a line with the "+
			"error's details (\"disk I/O error\"), or nobody ever learns what failed. Kit's server hands every error it "+
			"meets to an error handler, which logs nothing unless wire gives the handler one (a server option) "+
			"on the logger it is given", logs.String())
	}
}

func TestStep5StopLetsARequestInFlightFinish(t *testing.T) {
	needTodohttp(t)
	s := start(t)

	// A POST whose body arrives late: the client sends its headers with
	// "Expect: 100-continue" and waits; the server answers "100 Continue"
	// when the handler starts reading the body. From then on the request is
	// in flight.
	body, writeBody := io.Pipe()
	t.Cleanup(func() { writeBody.Close() })
	req, _ := http.NewRequest("POST", s.base+"/todos", body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Expect", "100-continue")
	inHandler := make(chan struct{})
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		Got100Continue: func() { close(inHandler) },
	}))
	client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}
	answered := make(chan *http.Response, 1)
	go func() {
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("step 5: the request in flight failed: %v; a stop must let it finish\n(stuck? go run ../workshop hint stage03 5)", err)
		}
		answered <- resp
	}()

	select {
	case <-inHandler:
	case resp := <-answered:
		if resp != nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			stubbed(t, resp.StatusCode, string(body))
			fatalf(t, "POST /todos answered %d %q without reading its body; want the real handler (wire.go)", resp.StatusCode, strings.TrimSpace(string(body)))
		}
		t.FailNow()
	case <-time.After(10 * time.Second):
		fatalf(t, "the server never started reading the request body; logs:\n%s", s.logs)
	}
	s.cancel() // SIGTERM, as it were
	s.waitForLog(t, "shutting down")
	writeBody.Write([]byte(`{"title": "finished during shutdown"}`))
	writeBody.Close()

	resp := <-answered
	if resp == nil {
		t.FailNow()
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		fatalf(t, "the request in flight during shutdown answered %d; want 201: "+
			"a stop lets the requests in flight finish", resp.StatusCode)
	}
	if err := s.stopped(t); err != nil {
		fatalf(t, "run returned %v after the drain; want nil", err)
	}
}
