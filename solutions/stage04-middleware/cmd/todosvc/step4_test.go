package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
)

// Step 4: the onion in wire.go, seen through the real command (README,
// "Step 4").

// started is a run in the background.
type started struct {
	api, debug string                // http://127.0.0.1:port of each listener
	logs       *servetest.SyncBuffer // run's stderr
}

// start runs the command on port 0 (both addresses) over a new SQLite file,
// with the extra flags, and waits until it logs both addresses.
func start(t *testing.T, flags ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{logs: &servetest.SyncBuffer{}}
	done := make(chan error, 1)
	args := append([]string{"-http-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0",
		"-db", filepath.Join(t.TempDir(), "todo.db")}, flags...)
	go func() { done <- run(ctx, args, s.logs) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("step 4: run returned %v after its context was cancelled; want nil", err)
		}
	})

	api := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	debug := regexp.MustCompile(`transport=debug addr=(\S+)`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			done <- err // for Cleanup
			t.Fatalf("step 4: run(%q) returned at once: %v\nlogs:\n%s", args, err, s.logs)
		default:
		}
		a, d := api.FindStringSubmatch(s.logs.String()), debug.FindStringSubmatch(s.logs.String())
		if a != nil && d != nil {
			s.api, s.debug = "http://"+a[1], "http://"+d[1]
			return s
		}
	}
	t.Fatalf("step 4: run did not log \"transport=HTTP addr=…\" and \"transport=debug addr=…\" within 10s; logs:\n%s", s.logs)
	return nil
}

// fetch sends one request and returns the status, a header and the body.
func fetch(t *testing.T, method, url, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("step 4: %s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(raw)
}

// metricsLine returns the line of /metrics that starts with series, or "".
func metricsLine(metrics, series string) string {
	for line := range strings.Lines(metrics) {
		if strings.HasPrefix(line, series+" ") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

func TestStep4MetricsOnTheDebugAddress(t *testing.T) {
	s := start(t)
	if status, _, body := fetch(t, "POST", s.api+"/todos", `{"title": "measured"}`); status != http.StatusCreated {
		t.Fatalf("step 4: POST /todos answered %d %s; want 201", status, body)
	}

	status, _, metrics := fetch(t, "GET", s.debug+"/metrics", "")
	if status != http.StatusOK {
		t.Fatalf("step 4: GET /metrics on the debug address answered %d; want 200", status)
	}
	for _, want := range []string{
		`todo_service_requests_total{method="Create",outcome="ok"} 1`,
		`todo_service_request_duration_seconds_count{method="Create"} 1`,
		`todo_endpoint_duration_seconds_count{method="Create",success="true"} 1`,
	} {
		if metricsLine(metrics, want[:strings.LastIndex(want, " ")]) != want {
			t.Fatalf("step 4: after one POST /todos, /metrics has no line %q.\n"+
				"In wire.go, make the metrics with todomw.NewMetrics(reg), wrap the service in "+
				"todomw.Instrumenting(m) and pass todomw.EndpointDuration(m.EndpointDuration) to todoendpoint.New.\n/metrics:\n%s",
				want, metrics)
		}
	}
	if !strings.Contains(s.logs.String(), `method=Create title=measured`) {
		t.Fatalf("step 4: the log has no line of the logging middleware for the POST (method=Create title=measured …): "+
			"wrap the service in todomw.Logging(logger)\nlogs:\n%s", s.logs)
	}
	if status, _, _ := fetch(t, "GET", s.debug+"/debug/pprof/", ""); status != http.StatusOK {
		t.Fatalf("step 4: GET /debug/pprof/ on the debug address answered %d; want 200", status)
	}
	if status, _, _ := fetch(t, "GET", s.api+"/metrics", ""); status != http.StatusNotFound {
		t.Fatalf("step 4: GET /metrics on the API address answered %d; want 404: metrics live on the debug address only", status)
	}
}

func TestStep4OrderOfTheOnion(t *testing.T) {
	// A burst of 2 and then almost nothing: the third request is refused.
	s := start(t, "-rate-limit", "0.001", "-rate-burst", "2")
	for i := 1; i <= 2; i++ {
		if status, _, body := fetch(t, "GET", s.api+"/todos", ""); status != http.StatusOK {
			t.Fatalf("step 4: GET /todos %d of a burst of 2 answered %d %s; want 200", i, status, body)
		}
	}
	status, header, body := fetch(t, "GET", s.api+"/todos", "")
	if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
		t.Fatalf("step 4: the third GET /todos with -rate-limit 0.001 -rate-burst 2 answered %d %s (Retry-After %q); "+
			"want 429 with Retry-After: pass todomw.RateLimit(rate.NewLimiter(…)) to todoendpoint.New, built from cfg",
			status, body, header.Get("Retry-After"))
	}

	_, _, metrics := fetch(t, "GET", s.debug+"/metrics", "")
	// The limiter is endpoint middleware, outside the service middleware: a
	// refused request never reaches the service, so the service counted 2.
	if got, want := metricsLine(metrics, `todo_service_requests_total{method="List",outcome="ok"}`),
		`todo_service_requests_total{method="List",outcome="ok"} 2`; got != want {
		t.Fatalf("step 4: after 2 GET /todos served and 1 refused, /metrics has %q; want %q: "+
			"the service middleware sits inside the endpoint middleware, so a refused request is not counted there\n/metrics:\n%s",
			got, want, metrics)
	}
	// EndpointDuration is the outermost endpoint middleware: it saw the
	// refusal, as a failed call.
	if got, want := metricsLine(metrics, `todo_endpoint_duration_seconds_count{method="List",success="false"}`),
		`todo_endpoint_duration_seconds_count{method="List",success="false"} 1`; got != want {
		t.Fatalf("step 4: after 1 refused GET /todos, /metrics has %q; want %q: "+
			"EndpointDuration must be the first (outermost) endpoint middleware, before RateLimit\n/metrics:\n%s",
			got, want, metrics)
	}
	if n := strings.Count(s.logs.String(), "method=List"); n != 2 {
		t.Fatalf("step 4: the service's log has %d lines with method=List; want 2 (the refused request never reached the service)\nlogs:\n%s",
			n, s.logs)
	}
}
