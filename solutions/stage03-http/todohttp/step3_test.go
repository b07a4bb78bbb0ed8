package todohttp

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 3: routes, the whole Todo-Backend contract, and CORS (README,
// "Step 3"). Run: go test ./todohttp -run TestStep3

// wireTodo is a todo as a client reads it.
type wireTodo struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Completed bool   `json:"completed"`
	Order     int64  `json:"order"`
	URL       string `json:"url"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// routed fails step 3 when the answer a to a request of the contract says
// that it met no route, another route's method, or kit's default error
// encoder.
func routed(t *testing.T, method, path string, a answer) {
	t.Helper()
	switch {
	case a.status == http.StatusNotFound && strings.Contains(a.body, "no such path"):
		fatalf(t, 3, "%s %s answered 404 \"no such path\": NewHandler (server.go) has no route for that path; "+
			"the README's table lists the routes of the contract", method, path)
	case a.status == http.StatusMethodNotAllowed:
		fatalf(t, 3, "%s %s answered 405 (Allow: %s): NewHandler (server.go) has routes for that path, but none for %s",
			method, path, a.header.Get("Allow"), method)
	case a.status >= 400 && !strings.HasPrefix(a.header.Get("Content-Type"), "application/json"):
		fatalf(t, 3, "%s %s answered %d with the text %q, not a JSON {\"error\": …}: kit's default error encoder wrote it. "+
			"Each kit server of NewHandler must send its errors to the package's one error encoder (a server option)",
			method, path, a.status, strings.TrimSpace(a.body))
	}
}

func TestStep3CreateGetAndList(t *testing.T) {
	needSteps(t, 3, 2)
	base, _ := newServer(t)

	a := do(t, "GET", base+"/todos", "")
	routed(t, "GET", "/todos", a)
	if a.status != 200 || strings.TrimSpace(a.body) != "[]" {
		fatalf(t, 3, "GET /todos on an empty list answered %d %q; want 200 and [] (never null)", a.status, a.body)
	}

	a = do(t, "POST", base+"/todos", `{"title": "Buy milk", "order": 2}`)
	routed(t, "POST", "/todos", a)
	if a.status != 201 {
		fatalf(t, 3, "POST /todos answered %d %q; want 201 Created and the todo", a.status, a.body)
	}
	var created wireTodo
	a.decodeBody(t, &created)
	if created.ID <= 0 || created.Title != "Buy milk" || created.Completed || created.Order != 2 || created.CreatedAt == "" || created.UpdatedAt == "" {
		fatalf(t, 3, "POST /todos {\"title\": \"Buy milk\", \"order\": 2} answered %s; "+
			"want an id, that title and order, completed false, createdAt and updatedAt", strings.TrimSpace(a.body))
	}
	if want := fmt.Sprintf("%s/todos/%d", base, created.ID); created.URL != want {
		fatalf(t, 3, "the new todo's url is %q; want the absolute %q: the encoders build it from the base URL "+
			"that a ServerBefore function (withBaseURL) puts in the request's context", created.URL, want)
	}

	a = do(t, "GET", created.URL, "")
	routed(t, "GET", "/todos/{id}", a)
	var got wireTodo
	if a.status == 200 {
		a.decodeBody(t, &got)
	}
	if a.status != 200 || got != created {
		fatalf(t, 3, "GET on the todo's url answered %d %q; want 200 and the same todo", a.status, a.body)
	}

	a = do(t, "GET", base+"/todos", "")
	var list []wireTodo
	a.decodeBody(t, &list)
	if a.status != 200 || len(list) != 1 || list[0] != created {
		fatalf(t, 3, "GET /todos answered %d %q; want 200 and a list of the one todo", a.status, a.body)
	}
}

func TestStep3PatchEachFieldAloneAndTogether(t *testing.T) {
	needSteps(t, 3, 2)
	base, _ := newServer(t)
	var item wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "walk the dog", "order": 1}`)
	routed(t, "POST", "/todos", a)
	a.decodeBody(t, &item)

	for _, tc := range []struct {
		body  string
		apply func(*wireTodo)
	}{
		{`{"title": "walk the cat"}`, func(w *wireTodo) { w.Title = "walk the cat" }},
		{`{"completed": true}`, func(w *wireTodo) { w.Completed = true }},
		{`{"order": 5}`, func(w *wireTodo) { w.Order = 5 }},
		{`{"title": "feed the fish", "completed": false, "order": -1}`,
			func(w *wireTodo) { w.Title, w.Completed, w.Order = "feed the fish", false, -1 }},
	} {
		a := do(t, "PATCH", item.URL, tc.body)
		routed(t, "PATCH", "/todos/{id}", a)
		if a.status != 200 {
			fatalf(t, 3, "PATCH /todos/%d %s answered %d %q; want 200 and the updated todo", item.ID, tc.body, a.status, a.body)
		}
		var got wireTodo
		a.decodeBody(t, &got)
		tc.apply(&item)
		item.UpdatedAt = got.UpdatedAt
		if got != item {
			fatalf(t, 3, "PATCH /todos/%d %s answered %s; want %+v (only the fields given change)", item.ID, tc.body, strings.TrimSpace(a.body), item)
		}
	}
}

func TestStep3DeleteOneAndAll(t *testing.T) {
	needSteps(t, 3, 2)
	base, svc := newServer(t)
	var gone, kept wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "gone"}`)
	routed(t, "POST", "/todos", a)
	a.decodeBody(t, &gone)
	do(t, "POST", base+"/todos", `{"title": "kept"}`).decodeBody(t, &kept)

	a = do(t, "DELETE", gone.URL, "")
	routed(t, "DELETE", "/todos/{id}", a)
	if a.status != 204 || a.body != "" {
		fatalf(t, 3, "DELETE /todos/%d answered %d %q; want 204 No Content and no body", gone.ID, a.status, a.body)
	}
	if list, _ := svc.List(context.Background()); len(list) != 1 || list[0].Title != "kept" {
		fatalf(t, 3, "after DELETE /todos/%d the store holds %d todos; want only \"kept\"", gone.ID, len(list))
	}
	a = do(t, "DELETE", base+"/todos", "")
	routed(t, "DELETE", "/todos", a)
	if a.status != 204 || a.body != "" {
		fatalf(t, 3, "DELETE /todos answered %d %q; want 204 No Content and no body", a.status, a.body)
	}
	if list, _ := svc.List(context.Background()); len(list) != 0 {
		fatalf(t, 3, "after DELETE /todos the store holds %d todos; want none", len(list))
	}
}

func TestStep3PublicURL(t *testing.T) {
	needSteps(t, 3, 2)
	svc := todotest.NewService(t)
	base := serve(t, NewHandler(todoendpoint.New(svc), "https://todo.example.org/"))

	var created wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "a"}`)
	routed(t, "POST", "/todos", a)
	a.decodeBody(t, &created)
	if want := fmt.Sprintf("https://todo.example.org/todos/%d", created.ID); created.URL != want {
		fatalf(t, 3, "with the public URL https://todo.example.org/, the todo's url is %q; want %q: "+
			"NewHandler's publicURL reaches the encoders through a ServerBefore function (withBaseURL)", created.URL, want)
	}
}

// TestStep3ItemURLIgnoresTheHostHeader: without a public URL, a todo's url
// names the server's own address, whatever Host the client wrote.
func TestStep3ItemURLIgnoresTheHostHeader(t *testing.T) {
	needSteps(t, 3, 2)
	base, _ := newServer(t)
	req, err := http.NewRequest("POST", base+"/todos", strings.NewReader(`{"title": "a"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /todos with Host: evil.example: %v", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, body: string(raw)}
	routed(t, "POST", "/todos", a)
	var created wireTodo
	a.decodeBody(t, &created)
	if want := fmt.Sprintf("%s/todos/%d", base, created.ID); created.URL != want {
		fatalf(t, 3, "POST /todos with the header Host: evil.example answered a todo whose url is %q; want %q.\n"+
			"The client writes the Host header: a url built from it links to whatever host the client named, "+
			"and a cache in front of the server may hand that answer to others. Without a public URL, the provided "+
			"withBaseURL (server.go) uses the address of the server's own socket: give it to every kit server of NewHandler",
			created.URL, want)
	}
}

// TestStep3BadInputChangesNothing sends requests a client may get wrong: each
// gets a JSON error with the right status, and the data stays as it was.
func TestStep3BadInputChangesNothing(t *testing.T) {
	needSteps(t, 3, 2)
	base, svc := newServer(t)
	var seed wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "keep me", "order": 1}`)
	routed(t, "POST", "/todos", a)
	a.decodeBody(t, &seed)
	before, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	item := seed.URL
	huge := `{"title": "` + strings.Repeat("x", 2<<20) + `"}`

	for _, tc := range []struct {
		method, url, body string
		status            int
		route             string // the route the request is for; "" for none
	}{
		{"POST", base + "/todos", `{"title": `, 400, "/todos"},                                    // malformed JSON
		{"POST", base + "/todos", `{"title": "a"} {"title": "b"}`, 400, "/todos"},                 // two objects
		{"POST", base + "/todos", `["a"]`, 400, "/todos"},                                         // not an object
		{"POST", base + "/todos", "", 400, "/todos"},                                              // no body
		{"POST", base + "/todos", `{"title": 42}`, 400, "/todos"},                                 // wrong type
		{"POST", base + "/todos", `{"title": "a", "order": "first"}`, 400, "/todos"},              // wrong type
		{"POST", base + "/todos", `{"title": "a", "order": 1.5}`, 400, "/todos"},                  // not a whole number
		{"POST", base + "/todos", `{"title": ""}`, 400, "/todos"},                                 // empty title
		{"POST", base + "/todos", `{"title": "   "}`, 400, "/todos"},                              // blank title
		{"POST", base + "/todos", `{}`, 400, "/todos"},                                            // no title
		{"POST", base + "/todos", `{"title": "` + strings.Repeat("x", 201) + `"}`, 400, "/todos"}, // too long
		{"POST", base + "/todos", huge, 413, "/todos"},                                            // 2 MB body
		{"PATCH", item, `{}`, 400, "/todos/{id}"},                                                 // nothing to change
		{"PATCH", item, `{"completed": "yes"}`, 400, "/todos/{id}"},                               // wrong type
		{"PATCH", item, `{"title": " "}`, 400, "/todos/{id}"},                                     // blank title
		{"PATCH", item, `{"title": null}`, 400, "/todos/{id}"},                                    // null is "not given": nothing to change
		{"PATCH", item, huge, 413, "/todos/{id}"},                                                 // 2 MB body
		{"PATCH", base + "/todos/999", `{"completed": true}`, 404, "/todos/{id}"},                 // unknown id
		{"GET", base + "/todos/999", "", 404, "/todos/{id}"},                                      // unknown id
		{"GET", base + "/todos/abc", "", 404, "/todos/{id}"},                                      // non-numeric id
		{"DELETE", base + "/todos/999", "", 404, "/todos/{id}"},                                   // unknown id
		{"DELETE", base + "/todos/-1", "", 404, "/todos/{id}"},                                    // unknown id
		{"GET", base + "/nothing-here", "", 404, ""},                                              // unknown path
		{"GET", base + "/todos/1/extra", "", 404, ""},                                             // unknown path
		{"PUT", item, `{"title": "x"}`, 405, ""},                                                  // wrong method
		{"POST", item, `{"title": "x"}`, 405, ""},                                                 // wrong method
		{"PATCH", base + "/todos", `{"completed": true}`, 405, ""},                                // wrong method
		{"PUT", base + "/todos", `[]`, 405, ""},                                                   // wrong method
	} {
		a := do(t, tc.method, tc.url, tc.body)
		call := fmt.Sprintf("%s %s %.40q", tc.method, strings.TrimPrefix(tc.url, base), tc.body)
		if tc.route != "" {
			routed(t, tc.method, tc.route, a)
		}
		if tc.route != "" && a.status < 300 {
			fatalf(t, 3, "%s answered %d %s; want %d. When the service refuses a request, its error travels inside the "+
				"response (the endpoint returns no error), so kit's server takes it for a success: each route's encoder "+
				"must go through the one that answers failed responses (step 2's encodeResponse)", call, a.status, strings.TrimSpace(a.body), tc.status)
		}
		if a.status != tc.status {
			fatalf(t, 3, "%s answered %d %q; want %d", call, a.status, a.body, tc.status)
		}
		if msg := a.errorMessage(t); strings.Contains(msg, "sql") || strings.Contains(msg, "goroutine") {
			fatalf(t, 3, "%s said %q; a user must not see internals", call, msg)
		}
		if tc.status == 405 && a.header.Get("Allow") == "" {
			fatalf(t, 3, "%s answered 405 without an Allow header naming the methods", call)
		}
	}

	after, err := svc.List(context.Background())
	if err != nil || !todotest.SameList(after, before) {
		fatalf(t, 3, "after the bad requests the store holds %d todos (err %v); want it unchanged: only %q", len(after), err, seed.Title)
	}
}

// TestStep3LooseInputIsRefused sends input that a lax server takes and
// quietly changes: each is refused, 400 or 404, and nothing is stored.
func TestStep3LooseInputIsRefused(t *testing.T) {
	needSteps(t, 3, 2)
	base, svc := newServer(t)
	var seed wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "keep me", "order": 1}`)
	routed(t, "POST", "/todos", a)
	a.decodeBody(t, &seed)
	before, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(seed.ID, 10)

	for _, tc := range []struct {
		method, path, body string
		status             int
		route, why         string
	}{
		{"POST", "/todos", "{\"title\": \"milk \xff\xfe\"}", 400, "/todos",
			"bytes that are not UTF-8: encoding/json would store U+FFFD in their place, so readJSON checks the raw body"},
		{"POST", "/todos", `{"title": "c", "completed": true}`, 400, "/todos",
			"a new todo is not completed: a 201 with completed false drops what the client asked for (step 1)"},
		{"POST", "/todos", `{"title": "c", "titel": "d"}`, 400, "/todos",
			"a field this request does not take (a typo here) is refused by readJSON, not ignored"},
		{"PATCH", "/todos/" + id, `{"title": "c", "done": true}`, 400, "/todos/{id}",
			"a field a patch does not take: applying the rest of the patch drops it"},
		{"POST", "/todos", `{"title": "\u200b\u200b"}`, 400, "/todos",
			"a title of zero-width spaces shows nothing: the service's rule (stage 01) calls it empty"},
		{"POST", "/todos", `{"title": "milk\u0000"}`, 400, "/todos",
			"a NUL is not text: the service's rule (stage 01) refuses control characters"},
		{"PATCH", "/todos/+" + id, `{"completed": true}`, 404, "/todos/{id}",
			"todo " + id + "'s path is /todos/" + id + ", the one its url holds; +" + id + " names no todo (step 1's pathID)"},
		{"DELETE", "/todos/0" + id, "", 404, "/todos/{id}",
			"todo " + id + "'s path is /todos/" + id + ", the one its url holds; 0" + id + " names no todo (step 1's pathID)"},
	} {
		a := do(t, tc.method, base+tc.path, tc.body)
		call := fmt.Sprintf("%s %s %q", tc.method, tc.path, tc.body)
		routed(t, tc.method, tc.route, a)
		if a.status != tc.status {
			fatalf(t, 3, "%s answered %d %s; want %d: %s", call, a.status, strings.TrimSpace(a.body), tc.status, tc.why)
		}
	}

	after, err := svc.List(context.Background())
	if err != nil || !todotest.SameList(after, before) {
		fatalf(t, 3, "after the refused requests the store holds %d todos (err %v); want it unchanged: only %q", len(after), err, seed.Title)
	}
}

// TestStep3CORS plays a browser on www.todobackend.com calling the API: a
// preflight first, then the request itself.
func TestStep3CORS(t *testing.T) {
	needSteps(t, 3, 2)
	base, _ := newServer(t)
	for _, tc := range []struct{ path, method string }{
		{"/todos", "POST"},
		{"/todos/1", "PATCH"},
		{"/todos/1", "DELETE"},
	} {
		req, _ := http.NewRequest("OPTIONS", base+tc.path, nil)
		req.Header.Set("Origin", "https://www.todobackend.com")
		req.Header.Set("Access-Control-Request-Method", tc.method)
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		preflight := fmt.Sprintf("a preflight (OPTIONS %s, asking for %s with a content-type header)", tc.path, tc.method)
		switch {
		case resp.StatusCode/100 != 2:
			fatalf(t, 3, "%s answered %d; want 2xx, or the browser never sends the %s. "+
				"No route takes OPTIONS: cors (cors.go) must answer a preflight itself", preflight, resp.StatusCode, tc.method)
		case h.Get("Access-Control-Allow-Origin") != "*":
			fatalf(t, 3, "%s answered Access-Control-Allow-Origin %q; want * (cors.go): any page may call this API",
				preflight, h.Get("Access-Control-Allow-Origin"))
		case !strings.Contains(h.Get("Access-Control-Allow-Methods"), tc.method):
			fatalf(t, 3, "%s answered Access-Control-Allow-Methods %q; want a list with %s (cors.go): "+
				"every method of the API", preflight, h.Get("Access-Control-Allow-Methods"), tc.method)
		case !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "content-type"):
			fatalf(t, 3, "%s answered Access-Control-Allow-Headers %q; want a list with Content-Type (cors.go): "+
				"a JSON body needs it", preflight, h.Get("Access-Control-Allow-Headers"))
		}
	}
	if a := do(t, "GET", base+"/todos", ""); a.header.Get("Access-Control-Allow-Origin") != "*" {
		fatalf(t, 3, "GET /todos answered Access-Control-Allow-Origin %q; want * on every answer (cors.go), "+
			"or the browser hides the answer from the page", a.header.Get("Access-Control-Allow-Origin"))
	}
	if a := do(t, "GET", base+"/todos/999", ""); a.header.Get("Access-Control-Allow-Origin") != "*" {
		fatalf(t, 3, "the error answer to GET /todos/999 has Access-Control-Allow-Origin %q; want * there too (cors.go): "+
			"the page must be able to read the error", a.header.Get("Access-Control-Allow-Origin"))
	}
}
