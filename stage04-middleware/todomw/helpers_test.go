package todomw_test

import (
	"context"
	"io"
	stdlog "log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	// Go kit's breaker adapter, which step 2's CircuitBreaker uses: imported
	// here too, so that the module lists its dependencies before you write it.
	_ "github.com/go-kit/kit/circuitbreaker"
	"github.com/go-logfmt/logfmt"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// records parses logfmt lines into one map per line; it ends the test if the
// text is not logfmt.
func records(t *testing.T, text string) []map[string]string {
	t.Helper()
	var out []map[string]string
	dec := logfmt.NewDecoder(strings.NewReader(text))
	for dec.ScanRecord() {
		rec := map[string]string{}
		for dec.ScanKeyval() {
			rec[string(dec.Key())] = string(dec.Value())
		}
		out = append(out, rec)
	}
	if err := dec.Err(); err != nil {
		t.Fatalf("the log is not logfmt: %v\nlog:\n%s", err, text)
	}
	return out
}

// newMetrics returns the middleware's metrics on a fresh registry, and the
// registry to read them back from.
func newMetrics(t *testing.T) (todomw.Metrics, *prometheus.Registry) {
	t.Helper()
	registry := prometheus.NewRegistry()
	metrics, err := todomw.NewMetrics(registry)
	if err != nil {
		t.Fatal(err)
	}
	return metrics, registry
}

// closedService returns a service on a store that is already closed: every
// call fails with a real internal error, the kind a breaker must count.
func closedService(t *testing.T) todo.Service {
	t.Helper()
	store := todotest.NewStore(t)
	store.Close()
	return todo.NewService(store, nil)
}

// answer is what a test request got back.
type answer struct {
	status int
	header http.Header
	body   string
}

// get sends GET url and returns the answer.
func get(t *testing.T, url string) answer {
	t.Helper()
	return do(t, http.MethodGet, url, "")
}

// do sends one request; body "" sends none.
func do(t *testing.T, method, url, body string) answer {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: string(raw)}
}

// serve starts handler on 127.0.0.1 until the test ends and returns its URL.
func serve(t *testing.T, handler http.Handler) string {
	t.Helper()
	url, _ := serveLogged(t, handler)
	return url
}

// serveLogged is serve, and it also returns what net/http's server logs
// (say, "http: panic serving …" and a goroutine's stack, when a handler
// panics), kept out of the test's output for the test to report.
func serveLogged(t *testing.T, handler http.Handler) (string, *servetest.SyncBuffer) {
	t.Helper()
	var serverLog servetest.SyncBuffer
	srv := httptest.NewUnstartedServer(handler)
	srv.Config.ErrorLog = stdlog.New(&serverLog, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL, &serverLog
}

// sampleCount returns how many observations the histogram name holds for
// the labels, gathered from reg (0 if there is no such series).
func sampleCount(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) uint64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	metrics:
		for _, m := range f.GetMetric() {
			got := map[string]string{}
			for _, l := range m.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue metrics
				}
			}
			return m.GetHistogram().GetSampleCount()
		}
	}
	return 0
}
