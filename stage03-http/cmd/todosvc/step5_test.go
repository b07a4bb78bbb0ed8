package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/stage03-http/serve/servetest"
)

// Step 5: the server command (README, "Step 5").

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
			t.Fatalf("step 5: run(%q) returned at once: %v\nlogs:\n%s", args, err, s.logs)
		default:
		}
		if m := addr.FindStringSubmatch(s.logs.String()); m != nil {
			s.base = "http://" + m[1]
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("step 5: run did not log \"transport=HTTP addr=…\" within 10s; logs:\n%s", s.logs)
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
	t.Fatalf("step 5: run did not log %q within 10s; logs:\n%s", text, s.logs)
}

// stopped waits for run to return after cancel and returns its error.
func (s *started) stopped(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(15 * time.Second):
		t.Fatalf("step 5: run did not return within 15s of its context being cancelled; logs:\n%s", s.logs)
		return nil
	}
}

func TestStep5RunServesTheAPI(t *testing.T) {
	s := start(t)

	resp, err := http.Post(s.base+"/todos", "application/json", strings.NewReader(`{"title": "from the real server"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"title":"from the real server"`) {
		t.Fatalf("step 5: POST /todos on the real server answered %d %q; want 201 and the todo.\n"+
			"In wire.go, build the layers inside out: todo.NewService(store, time.Now), todoendpoint.New(service), "+
			"todohttp.NewHandler(endpoints, publicURL, the error handler)", resp.StatusCode, body)
	}

	s.cancel()
	if err := s.stopped(t); err != nil {
		t.Fatalf("step 5: after its context was cancelled, run returned %v; want nil (a clean stop exits 0)", err)
	}
}

func TestStep5StopLetsARequestInFlightFinish(t *testing.T) {
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
			t.Errorf("step 5: the request in flight failed: %v; a stop must let it finish", err)
		}
		answered <- resp
	}()

	select {
	case <-inHandler:
	case resp := <-answered:
		if resp != nil {
			resp.Body.Close()
			t.Fatalf("step 5: POST /todos answered %d without reading its body; want the real handler (wire.go)", resp.StatusCode)
		}
		t.FailNow()
	case <-time.After(10 * time.Second):
		t.Fatalf("step 5: the server never started reading the request body; logs:\n%s", s.logs)
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
		t.Fatalf("step 5: the request in flight during shutdown answered %d; want 201: "+
			"server.Shutdown lets requests in flight finish", resp.StatusCode)
	}
	if err := s.stopped(t); err != nil {
		t.Fatalf("step 5: run returned %v after the drain; want nil", err)
	}
}
