package todohttp

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// newServer starts the HTTP API on 127.0.0.1 over a new SQLite file and
// returns its URL and the service behind it (to look at the data directly).
func newServer(t *testing.T) (string, todo.Service) {
	t.Helper()
	svc := todotest.NewService(t)
	return serve(t, NewHandler(todoendpoint.New(svc), "")), svc
}

// serve starts handler on 127.0.0.1 until the test ends and returns its URL.
func serve(t *testing.T, handler http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv.URL
}

// answer is what a test request got back.
type answer struct {
	status int
	header http.Header
	body   string
}

// do sends one request; body "" sends none.
func do(t *testing.T, method, url, body string) answer {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
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

// decodeBody decodes the answer's JSON body into v, or ends the test.
func (a answer) decodeBody(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(a.body), v); err != nil {
		t.Fatalf("answer body %q is not the JSON expected: %v", a.body, err)
	}
}

// errorMessage returns the "error" field of a JSON error answer, or ends
// the test if the body is not one.
func (a answer) errorMessage(t *testing.T) string {
	t.Helper()
	var body struct {
		Error *string `json:"error"`
	}
	if err := json.Unmarshal([]byte(a.body), &body); err != nil || body.Error == nil || *body.Error == "" {
		t.Fatalf("error answer body is %q; want JSON {\"error\": \"…\"} with a message", a.body)
	}
	return *body.Error
}
