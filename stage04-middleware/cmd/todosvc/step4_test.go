package main

import (
	"context"
	"errors"
	"io"
	stdlog "log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/log"
	"github.com/go-logfmt/logfmt"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// Step 4: the onion (onion/onion.go), seen through the real command
// (README, "Step 4"). Each test looks at what a client, the log and
// /metrics show, and says what it saw means.

const hint4 = "(stuck? go run ../workshop hint stage04 4)"

// needSteps1to3 stops a step 4 test, with the step to finish, when the
// middleware the onion is made of is not written yet: step 4 would fail for
// their reason, not its own.
func needSteps1to3(t *testing.T) {
	t.Helper()
	var logged strings.Builder
	svc := todomw.Logging(log.NewLogfmtLogger(&logged))(todotest.NewService(t))
	if _, err := svc.Create(context.Background(), "probe", 1); err != nil || !strings.Contains(logged.String(), "method=Create") {
		t.Fatalf("step 4 is made of steps 1 to 3: todomw.Logging logs no line for Create yet. " +
			"Finish step 1 first: go test ./todomw -run TestStep1")
	}
	ok := func(context.Context, any) (any, error) { return todoendpoint.ListResponse{}, nil }
	oneAnHour := rate.NewLimiter(rate.Every(time.Hour), 1)
	limited := todomw.RateLimit(oneAnHour)("List", endpoint.Endpoint(ok))
	limited(context.Background(), nil)
	if _, err := limited(context.Background(), nil); todoendpoint.KindOf(err) != todoendpoint.KindRateLimited {
		t.Fatalf("step 4 is made of steps 1 to 3: todomw.RateLimit does not refuse with a rate-limited error yet (got %v). "+
			"Finish step 2 first: go test ./todomw -run TestStep2", err)
	}
	failing := func(context.Context, any) (any, error) { return nil, errors.New("probe: down") }
	guarded := todomw.CircuitBreaker(1, time.Hour, log.NewNopLogger())("List", endpoint.Endpoint(failing))
	guarded(context.Background(), nil)
	if _, err := guarded(context.Background(), nil); todoendpoint.KindOf(err) != todoendpoint.KindUnavailable {
		t.Fatalf("step 4 is made of steps 1 to 3: todomw.CircuitBreaker does not refuse with an unavailable error yet (got %v). "+
			"Finish step 2 first: go test ./todomw -run TestStep2", err)
	}
	rec := httptest.NewRecorder()
	func() {
		defer func() { recover() }()
		todomw.Recover(log.NewNopLogger(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("probe") })).
			ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	}()
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("step 4 is made of steps 1 to 3: todomw.Recover does not turn a panic into a 500 yet. " +
			"Finish step 3 first: go test ./todomw -run TestStep3")
	}
}

// started is a run in the background.
type started struct {
	api, debug string                // http://127.0.0.1:port of each listener
	logs       *servetest.SyncBuffer // run's stderr
}

// start runs the command on port 0 (both addresses) over a new SQLite file,
// with the extra flags, and waits until it logs both addresses.
func start(t *testing.T, flags ...string) *started {
	t.Helper()
	needSteps1to3(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{logs: &servetest.SyncBuffer{}}
	done := make(chan error, 1)
	args := append([]string{"-http-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0",
		"-db", filepath.Join(t.TempDir(), "todo.db")}, flags...)
	go func() { done <- run(ctx, args, s.logs) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("step 4: run returned %v after its context was cancelled; want nil %s", err, hint4)
		}
	})

	api := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	debug := regexp.MustCompile(`transport=debug addr=(\S+)`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			done <- err // for Cleanup
			t.Fatalf("step 4: run(%q) returned at once: %v; want it serving. onion.Endpoints must not fail on a fresh registry %s",
				args, err, hint4)
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
		t.Fatalf("step 4: %s %s: %v; want an answer", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, strings.TrimSpace(string(raw))
}

// metric returns the value of one series of the debug address's /metrics
// ("absent" when there is no such line): series is the name and labels as
// /metrics prints them, e.g. todo_service_requests_total{method="List",outcome="ok"}.
func (s *started) metric(t *testing.T, series string) string {
	t.Helper()
	status, _, page := fetch(t, "GET", s.debug+"/metrics", "")
	if status != http.StatusOK {
		t.Fatalf("step 4: GET /metrics on the debug address answered %d; want 200 (the provided debug.Handler serves it)", status)
	}
	for line := range strings.Lines(page) {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), series+" "); ok {
			return value
		}
	}
	return "absent"
}

// lines returns the log lines (parsed logfmt) that have every key=value of
// match.
func (s *started) lines(t *testing.T, match ...string) []map[string]string {
	t.Helper()
	var out []map[string]string
	dec := logfmt.NewDecoder(strings.NewReader(s.logs.String()))
records:
	for dec.ScanRecord() {
		rec := map[string]string{}
		for dec.ScanKeyval() {
			rec[string(dec.Key())] = string(dec.Value())
		}
		for _, kv := range match {
			k, v, _ := strings.Cut(kv, "=")
			if rec[k] != v {
				continue records
			}
		}
		out = append(out, rec)
	}
	if err := dec.Err(); err != nil {
		t.Fatalf("step 4: the command's log is not logfmt: %v", err)
	}
	return out
}

func TestStep4MetricsAndLogsOfOneCall(t *testing.T) {
	s := start(t)
	if status, _, body := fetch(t, "POST", s.api+"/todos", `{"title": "measured"}`); status != http.StatusCreated {
		t.Fatalf("step 4: POST /todos answered %d %s; want 201 %s", status, body, hint4)
	}
	for _, c := range []struct{ series, ring string }{
		{`todo_service_requests_total{method="Create",outcome="ok"}`, "the service ring (Instrumenting)"},
		{`todo_service_request_duration_seconds_count{method="Create"}`, "the service ring (Instrumenting)"},
		{`todo_endpoint_duration_seconds_count{method="Create",success="true"}`, "the endpoint ring (EndpointDuration)"},
	} {
		if got := s.metric(t, c.series); got != "1" {
			t.Fatalf("step 4: after one POST /todos, /metrics has %s %s; want 1. "+
				"Nothing in %s counted the call: that middleware is not in the onion, or its metrics are not the ones registered on reg %s",
				c.series, got, c.ring, hint4)
		}
	}
	created := s.lines(t, "method=Create", "title=measured")
	if len(created) != 1 {
		t.Fatalf("step 4: after one POST /todos the log has %d lines with method=Create title=measured; want 1, "+
			"from the logging service middleware %s", len(created), hint4)
	}
	if layer := created[0]["layer"]; layer != "service" {
		t.Fatalf("step 4: the Create log line has layer=%q; want layer=service: each ring's logger says which ring wrote the line %s",
			layer, hint4)
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
			t.Fatalf("step 4: GET /todos %d of a burst of 2 answered %d %s; want 200 %s", i, status, body, hint4)
		}
	}
	status, header, body := fetch(t, "GET", s.api+"/todos", "")
	if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
		t.Fatalf("step 4: the third GET /todos with -rate-limit 0.001 -rate-burst 2 answered %d %s (Retry-After %q); "+
			"want 429 with Retry-After. The onion has no rate limit yet, or not one built from cfg %s",
			status, body, header.Get("Retry-After"), hint4)
	}

	// What each ring saw of the refused request.
	if got := s.metric(t, `todo_service_requests_total{method="List",outcome="ok"}`); got == "absent" {
		t.Fatalf("step 4: todo_service_requests_total{method=\"List\",outcome=\"ok\"} is absent after 2 GET /todos served: "+
			"the service ring has no Instrumenting %s", hint4)
	} else if got != "2" {
		t.Fatalf("step 4: after 2 GET /todos served and 1 refused, todo_service_requests_total{method=\"List\",outcome=\"ok\"} is %s; want 2. "+
			"The service's metrics must count only the calls that reached the service %s", got, hint4)
	}
	switch got := s.metric(t, `todo_endpoint_duration_seconds_count{method="List",success="false"}`); got {
	case "1":
	case "absent":
		t.Fatalf("step 4: a GET /todos was answered 429, but todo_endpoint_duration_seconds has no List with success=\"false\": "+
			"the record of what clients got misses the refusal. A dashboard on it shows every client served, "+
			"and whoever sizes the rate limit never sees a request refused %s", hint4)
	default:
		t.Fatalf("step 4: todo_endpoint_duration_seconds_count{method=\"List\",success=\"false\"} is %s after 1 refused GET /todos; want 1 %s",
			got, hint4)
	}
	if n := len(s.serviceLines(t, "List")); n == 0 {
		t.Fatalf("step 4: the log has no line of the logging service middleware for the 2 GET /todos served: "+
			"the service ring has no Logging %s", hint4)
	} else if n != 2 {
		t.Fatalf("step 4: the service's log has %d lines with method=List; want 2: "+
			"the refused request never reached the service, so its log must not show it %s", n, hint4)
	}
}

func TestStep4AFloodDoesNotOpenTheBreaker(t *testing.T) {
	// One request, then a flood the limiter refuses; the breaker opens after
	// a single failure, so it would open at once if it counted refusals.
	s := start(t, "-rate-limit", "0.001", "-rate-burst", "1", "-breaker-failures", "1")
	if status, _, body := fetch(t, "GET", s.api+"/todos", ""); status != http.StatusOK {
		t.Fatalf("step 4: the first GET /todos answered %d %s; want 200 %s", status, body, hint4)
	}
	for i := 2; i <= 4; i++ {
		status, _, body := fetch(t, "GET", s.api+"/todos", "")
		switch status {
		case http.StatusTooManyRequests:
		case http.StatusServiceUnavailable:
			t.Fatalf("step 4: GET /todos %d, over the rate limit, answered 503 %s, where 429 is wanted: List's breaker "+
				"opened, though the service has not failed once (its one call answered 200). What it counted as List's "+
				"failures were the rate limit's refusals. So a flood of clients shuts List for every client for "+
				"-breaker-timeout, though the service is healthy %s",
				i, body, hint4)
		default:
			t.Fatalf("step 4: GET /todos %d, over the rate limit (burst 1), answered %d %s; want 429 %s", i, status, body, hint4)
		}
	}
}

func TestStep4BreakerOpensOnAFailingService(t *testing.T) {
	// -fail List: every List of the service fails, as on a lost database.
	s := start(t, "-fail", "List", "-breaker-failures", "2", "-breaker-timeout", "1m")
	for i := 1; i <= 2; i++ {
		if status, _, body := fetch(t, "GET", s.api+"/todos", ""); status != http.StatusInternalServerError {
			t.Fatalf("step 4: GET /todos %d with -fail List answered %d %s; want 500 (the service failed) %s", i, status, body, hint4)
		}
	}
	status, _, body := fetch(t, "GET", s.api+"/todos", "")
	if status != http.StatusServiceUnavailable {
		t.Fatalf("step 4: after 2 failed GET /todos with -breaker-failures 2, the third answered %d %s; want 503 "+
			"{\"error\":\"service unavailable\"}: List's breaker should be open. No breaker in the onion counts the service's failures %s",
			status, body, hint4)
	}
	if n := len(s.serviceLines(t, "List")); n == 0 {
		t.Fatalf("step 4: the log has no line of the logging service middleware for the 2 failed GET /todos: "+
			"the service ring has no Logging %s", hint4)
	} else if n != 2 {
		t.Fatalf("step 4: the service's log has %d lines with method=List; want 2: the open breaker refused the third "+
			"before it reached the service %s", n, hint4)
	}
	opened := s.lines(t, "msg=circuit breaker", "method=List", "to=open")
	if len(opened) != 1 || opened[0]["layer"] != "endpoint" {
		t.Fatalf("step 4: the log has %d lines msg=\"circuit breaker\" method=List to=open (layer %q); want 1, with layer=endpoint %s",
			len(opened), layerOf(opened), hint4)
	}
	if got := s.metric(t, `todo_endpoint_duration_seconds_count{method="List",success="false"}`); got != "3" {
		t.Fatalf("step 4: todo_endpoint_duration_seconds_count{method=\"List\",success=\"false\"} is %s after 2 answers 500 "+
			"and 1 answer 503 (the open breaker); want 3: the record of what clients got misses what the breaker refused, "+
			"so a dashboard on it hides the outage clients see %s", got, hint4)
	}
	if status, _, body := fetch(t, "GET", s.api+"/todos/1", ""); status != http.StatusNotFound {
		t.Fatalf("step 4: GET /todos/1 while List's breaker is open answered %d %s; want 404: Get has its own breaker %s",
			status, body, hint4)
	}
}

// serviceLines returns the lines of the logging service middleware (they
// have a took key) for method.
func (s *started) serviceLines(t *testing.T, method string) []map[string]string {
	t.Helper()
	var out []map[string]string
	for _, rec := range s.lines(t, "method="+method) {
		if _, ok := rec["took"]; ok {
			out = append(out, rec)
		}
	}
	return out
}

// layerOf returns the layer of the first line, or "" when there is none.
func layerOf(lines []map[string]string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]["layer"]
}

func TestStep4APanicIsCaughtAtTheEdge(t *testing.T) {
	// -panic Get: every Get of the service panics, as a bug would. Until
	// the onion recovers it, net/http does, and logs it with a goroutine's
	// stack on the standard logger: keep that out of the test's output.
	var netHTTP servetest.SyncBuffer
	stdlog.SetOutput(&netHTTP)
	stdlog.SetFlags(0)
	t.Cleanup(func() { stdlog.SetOutput(os.Stderr); stdlog.SetFlags(stdlog.LstdFlags) })
	s := start(t, "-panic", "Get")
	req, _ := http.NewRequest("GET", s.api+"/todos/1", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		first, _, _ := strings.Cut(netHTTP.String(), "\n")
		t.Fatalf("step 4: GET /todos/1 with -panic Get got no answer (%v); want 500 {\"error\":\"internal error\"}. "+
			"Nothing in the onion recovered the panic: net/http did, logged %q (and a stack, kept out of this output) "+
			"and cut the connection %s", err, first, hint4)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || strings.TrimSpace(string(raw)) != `{"error":"internal error"}` {
		t.Fatalf("step 4: GET /todos/1 with -panic Get answered %d %s; want 500 {\"error\":\"internal error\"} %s",
			resp.StatusCode, raw, hint4)
	}
	recovered := s.lines(t, "msg=panic recovered")
	if len(recovered) != 1 || recovered[0]["layer"] != "transport" {
		t.Fatalf("step 4: the log has %d lines msg=\"panic recovered\" (layer %q); want 1, with layer=transport %s",
			len(recovered), layerOf(recovered), hint4)
	}
	if status, _, body := fetch(t, "GET", s.api+"/todos", ""); status != http.StatusOK {
		t.Fatalf("step 4: GET /todos after the panic answered %d %s; want 200: the server goes on serving %s", status, body, hint4)
	}
}
