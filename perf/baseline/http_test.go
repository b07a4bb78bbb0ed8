package baseline_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"

	"github.com/gokit-workshop/workshop/perf/baseline"
)

// newHTTPServer serves the baseline handler over a new SQLite file on
// loopback and returns its base URL.
func newHTTPServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(baseline.NewHandler(todotest.NewService(t), "", nil))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestHTTPKeepsTheContract runs the workshop's contract suite against the
// baseline through stage 03's kit client: the baseline speaks the same
// Todo-Backend JSON, so the comparison is between equals.
func TestHTTPKeepsTheContract(t *testing.T) {
	todotest.Run(t, func(t *testing.T) todo.Service {
		client, err := todohttp.NewClient(newHTTPServer(t))
		if err != nil {
			t.Fatal(err)
		}
		return client
	})
}

// TestHTTPEdges checks what the contract suite does not reach: the answers
// a browser or a hand-made request gets.
func TestHTTPEdges(t *testing.T) {
	base := newHTTPServer(t)
	for _, tc := range []struct {
		method, path, body string
		status             int
		header, value      string // a header the answer must have
		text               string // in the body
	}{
		{"POST", "/todos", `{"title": "one", "order": 2}`, 201, "Content-Type", "application/json; charset=utf-8", `"url":"` + base + `/todos/1"`},
		{"GET", "/todos", "", 200, "Access-Control-Allow-Origin", "*", `"title":"one"`},
		{"GET", "/todos/abc", "", 404, "Content-Type", "application/json; charset=utf-8", `"error":`},
		{"PUT", "/todos/1", "", 405, "Allow", "GET, PATCH, DELETE, OPTIONS", `"error":`},
		{"GET", "/nowhere", "", 404, "Access-Control-Allow-Origin", "*", `"error":`},
		{"POST", "/todos", `{"title": `, 400, "Content-Type", "application/json; charset=utf-8", `malformed JSON`},
		{"POST", "/todos", `{"title": "` + strings.Repeat("x", baseline.MaxBodyBytes) + `"}`, 413, "", "", `"error":`},
		{"OPTIONS", "/todos/1", "", 204, "Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS", ""},
		{"DELETE", "/todos", "", 204, "", "", ""},
	} {
		req, err := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		call := tc.method + " " + tc.path
		if resp.StatusCode != tc.status {
			t.Fatalf("%s answered %d %.80s; want %d", call, resp.StatusCode, raw, tc.status)
		}
		if tc.header != "" && resp.Header.Get(tc.header) != tc.value {
			t.Fatalf("%s: %s is %q; want %q", call, tc.header, resp.Header.Get(tc.header), tc.value)
		}
		if !strings.Contains(string(raw), tc.text) {
			t.Fatalf("%s answered %.200s; want it to contain %s", call, raw, tc.text)
		}
	}
}
