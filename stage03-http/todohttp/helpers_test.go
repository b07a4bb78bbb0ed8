package todohttp

import (
	"context"
	"encoding/json"
	"fmt"
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
	var parsed struct {
		Error *string `json:"error"`
	}
	if json.Unmarshal([]byte(a.body), &parsed) != nil || parsed.Error == nil || *parsed.Error == "" {
		t.Fatalf("error answer body is %q; want JSON {\"error\": \"…\"} with a message", a.body)
	}
	return *parsed.Error
}

// fatalf ends the test with the diagnosis of a step's failure, which names
// the step, and the command that gives a hint for it.
func fatalf(t *testing.T, step int, format string, args ...any) {
	t.Helper()
	t.Fatalf("step %d: %s\n(stuck? go run ../workshop hint stage03 %d)", step, fmt.Sprintf(format, args...), step)
}

// needSteps stops a test of step `step` when an earlier step (1 up to
// `upTo`) does not work yet, naming the one to finish first, so that the
// test does not fail for that step's reason.
func needSteps(t *testing.T, step, upTo int) {
	t.Helper()
	first := func(earlier int, format string, args ...any) {
		t.Helper()
		t.Fatalf("step %d needs step %d, which does not work yet: %s.\n"+
			"Finish step %d first: go test ./todohttp -run TestStep%d\n(stuck? go run ../workshop hint stage03 %d)",
			step, earlier, fmt.Sprintf(format, args...), earlier, earlier, earlier)
	}
	ctx := context.Background()

	r := httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title": "a"}`))
	if _, err := decodeCreateRequest(ctx, r); err != nil {
		first(1, "decodeCreateRequest of a good body = %v", err)
	}
	r = httptest.NewRequest("PATCH", "/todos/1", strings.NewReader(`{"title": "a"}`))
	r.SetPathValue("id", "1")
	if _, err := decodeUpdateRequest(ctx, r); err != nil {
		first(1, "decodeUpdateRequest of a good body = %v", err)
	}
	if upTo < 2 {
		return
	}
	if status, _ := statusOf(todo.Errorf(todo.CodeNotFound, "todo 9 not found")); status != http.StatusNotFound {
		first(2, "statusOf(a not-found error) = %d", status)
	}
	w := httptest.NewRecorder()
	encodeResponse(encodeGetResponse)(ctx, w, todoendpoint.GetResponse{Err: todo.Errorf(todo.CodeNotFound, "todo 9 not found")})
	if w.Code != http.StatusNotFound {
		first(2, "encodeResponse answered a failed response %d", w.Code)
	}
	if upTo < 3 {
		return
	}
	base, _ := newServer(t)
	item := base + "/todos/1"
	for _, req := range []struct{ method, url, body string }{
		{"POST", base + "/todos", `{"title": "a"}`},
		{"GET", base + "/todos", ""},
		{"GET", item, ""},
		{"PATCH", item, `{"completed": true}`},
		{"DELETE", item, ""},
		{"DELETE", base + "/todos", ""},
	} {
		if a := do(t, req.method, req.url, req.body); a.status >= 300 {
			first(3, "%s %s answered %d %s", req.method, strings.TrimPrefix(req.url, base), a.status, strings.TrimSpace(a.body))
		}
	}
}
