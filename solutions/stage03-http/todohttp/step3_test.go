package todohttp

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 3: routes, the whole Todo-Backend contract (README, "Step 3").

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

func TestStep3CreateGetAndList(t *testing.T) {
	base, _ := newServer(t)

	a := do(t, "GET", base+"/todos", "")
	if a.status != 200 || strings.TrimSpace(a.body) != "[]" {
		t.Fatalf("step 3: GET /todos on an empty list answered %d %q; want 200 and [] (never null).\n"+
			"Mount the routes in NewHandler: mux.Handle(\"GET /todos\", server(e.ListEndpoint, decodeListRequest, encodeListResponse)), and so on",
			a.status, a.body)
	}

	a = do(t, "POST", base+"/todos", `{"title": "Buy milk", "order": 2}`)
	if a.status != 201 {
		t.Fatalf("step 3: POST /todos answered %d %q; want 201 Created and the todo", a.status, a.body)
	}
	var created wireTodo
	a.decodeBody(t, &created)
	if created.ID <= 0 || created.Title != "Buy milk" || created.Completed || created.Order != 2 || created.CreatedAt == "" || created.UpdatedAt == "" {
		t.Fatalf("step 3: POST /todos returned %+v; want id, title, completed false, order 2, createdAt and updatedAt", created)
	}
	if want := fmt.Sprintf("%s/todos/%d", base, created.ID); created.URL != want {
		t.Fatalf("step 3: the new todo's url is %q; want the absolute %q", created.URL, want)
	}

	a = do(t, "GET", created.URL, "")
	var got wireTodo
	if a.status == 200 {
		a.decodeBody(t, &got)
	}
	if a.status != 200 || got != created {
		t.Fatalf("step 3: GET on the todo's url answered %d %q; want 200 and the same todo", a.status, a.body)
	}

	a = do(t, "GET", base+"/todos", "")
	var list []wireTodo
	a.decodeBody(t, &list)
	if a.status != 200 || len(list) != 1 || list[0] != created {
		t.Fatalf("step 3: GET /todos answered %d %q; want 200 and a list of the one todo", a.status, a.body)
	}
}

func TestStep3PatchEachFieldAloneAndTogether(t *testing.T) {
	base, _ := newServer(t)
	var item wireTodo
	do(t, "POST", base+"/todos", `{"title": "walk the dog", "order": 1}`).decodeBody(t, &item)

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
		if a.status != 200 {
			t.Fatalf("step 3: PATCH %s %s answered %d %q; want 200 and the updated todo", item.URL, tc.body, a.status, a.body)
		}
		var got wireTodo
		a.decodeBody(t, &got)
		tc.apply(&item)
		item.UpdatedAt = got.UpdatedAt
		if got != item {
			t.Fatalf("step 3: PATCH %s returned %+v; want %+v (only the fields given change)", tc.body, got, item)
		}
	}
}

func TestStep3DeleteOneAndAll(t *testing.T) {
	base, svc := newServer(t)
	var gone, kept wireTodo
	do(t, "POST", base+"/todos", `{"title": "gone"}`).decodeBody(t, &gone)
	do(t, "POST", base+"/todos", `{"title": "kept"}`).decodeBody(t, &kept)

	if a := do(t, "DELETE", gone.URL, ""); a.status != 204 || a.body != "" {
		t.Fatalf("step 3: DELETE %s answered %d %q; want 204 and no body", gone.URL, a.status, a.body)
	}
	if a := do(t, "GET", gone.URL, ""); a.status != 404 {
		t.Fatalf("step 3: GET after DELETE answered %d; want 404", a.status)
	}
	if list, _ := svc.List(context.Background()); len(list) != 1 || list[0].Title != "kept" {
		t.Fatalf("step 3: after DELETE of one todo, the store holds %d todos; want only \"kept\"", len(list))
	}
	if a := do(t, "DELETE", base+"/todos", ""); a.status != 204 {
		t.Fatalf("step 3: DELETE /todos answered %d %q; want 204", a.status, a.body)
	}
	if a := do(t, "GET", base+"/todos", ""); strings.TrimSpace(a.body) != "[]" {
		t.Fatalf("step 3: GET /todos after DELETE /todos answered %q; want []", a.body)
	}
}

func TestStep3PublicURL(t *testing.T) {
	svc := todotest.NewService(t)
	base := serve(t, NewHandler(todoendpoint.New(svc), "https://todo.example.org/"))

	var created wireTodo
	a := do(t, "POST", base+"/todos", `{"title": "a"}`)
	a.decodeBody(t, &created)
	if want := fmt.Sprintf("https://todo.example.org/todos/%d", created.ID); created.URL != want {
		t.Fatalf("step 3: with publicURL https://todo.example.org/, the todo's url is %q; want %q", created.URL, want)
	}
}

// TestStep3BadInputChangesNothing sends requests a client may get wrong: each
// gets a JSON error with the right status, and the data stays as it was.
func TestStep3BadInputChangesNothing(t *testing.T) {
	base, svc := newServer(t)
	var seed wireTodo
	do(t, "POST", base+"/todos", `{"title": "keep me", "order": 1}`).decodeBody(t, &seed)
	before, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	item := seed.URL
	huge := `{"title": "` + strings.Repeat("x", 2<<20) + `"}`

	for _, tc := range []struct {
		method, url, body string
		status            int
	}{
		{"POST", base + "/todos", `{"title": `, 400},                                    // malformed JSON
		{"POST", base + "/todos", `{"title": "a"} {"title": "b"}`, 400},                 // two objects
		{"POST", base + "/todos", `["a"]`, 400},                                         // not an object
		{"POST", base + "/todos", "", 400},                                              // no body
		{"POST", base + "/todos", `{"title": 42}`, 400},                                 // wrong type
		{"POST", base + "/todos", `{"title": "a", "order": "first"}`, 400},              // wrong type
		{"POST", base + "/todos", `{"title": "a", "order": 1.5}`, 400},                  // not a whole number
		{"POST", base + "/todos", `{"title": ""}`, 400},                                 // empty title
		{"POST", base + "/todos", `{"title": "   "}`, 400},                              // blank title
		{"POST", base + "/todos", `{}`, 400},                                            // no title
		{"POST", base + "/todos", `{"title": "` + strings.Repeat("x", 201) + `"}`, 400}, // too long
		{"POST", base + "/todos", huge, 413},                                            // 2 MB body
		{"PATCH", item, `{}`, 400},                                                      // nothing to change
		{"PATCH", item, `{"completed": "yes"}`, 400},                                    // wrong type
		{"PATCH", item, `{"title": " "}`, 400},                                          // blank title
		{"PATCH", item, `{"title": null}`, 400},                                         // null is "not given": nothing to change
		{"PATCH", item, huge, 413},                                                      // 2 MB body
		{"PATCH", base + "/todos/999", `{"completed": true}`, 404},                      // unknown id
		{"GET", base + "/todos/999", "", 404},                                           // unknown id
		{"GET", base + "/todos/abc", "", 404},                                           // non-numeric id
		{"DELETE", base + "/todos/999", "", 404},                                        // unknown id
		{"DELETE", base + "/todos/-1", "", 404},                                         // unknown id
		{"GET", base + "/nothing-here", "", 404},                                        // unknown path
		{"GET", base + "/todos/1/extra", "", 404},                                       // unknown path
		{"PUT", item, `{"title": "x"}`, 405},                                            // wrong method
		{"POST", item, `{"title": "x"}`, 405},                                           // wrong method
		{"PATCH", base + "/todos", `{"completed": true}`, 405},                          // wrong method
		{"PUT", base + "/todos", `[]`, 405},                                             // wrong method
	} {
		a := do(t, tc.method, tc.url, tc.body)
		call := fmt.Sprintf("%s %s %.40q", tc.method, strings.TrimPrefix(tc.url, base), tc.body)
		if a.status != tc.status {
			t.Fatalf("step 3: %s answered %d %q; want %d", call, a.status, a.body, tc.status)
		}
		if msg := a.errorMessage(t); strings.Contains(msg, "sql") || strings.Contains(msg, "goroutine") {
			t.Fatalf("step 3: %s said %q; a user must not see internals", call, msg)
		}
		if tc.status == 405 && a.header.Get("Allow") == "" {
			t.Fatalf("step 3: %s answered 405 without an Allow header naming the methods", call)
		}
	}

	after, err := svc.List(context.Background())
	if err != nil || !todotest.SameList(after, before) {
		t.Fatalf("step 3: after the bad requests the store holds %v (err %v); want it unchanged: %v", after, err, before)
	}
}

func TestStep3CORS(t *testing.T) {
	base, _ := newServer(t)
	for _, path := range []string{"/todos", "/todos/1"} {
		req, _ := http.NewRequest("OPTIONS", base+path, nil)
		req.Header.Set("Origin", "https://www.todobackend.com")
		req.Header.Set("Access-Control-Request-Method", "PATCH")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode/100 != 2 || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") ||
			!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "content-type") {
			t.Fatalf("step 3: preflight OPTIONS %s answered %d with headers %v; want 2xx, Allow-Origin *, PATCH among the methods, Content-Type among the headers",
				path, resp.StatusCode, h)
		}
	}
	if a := do(t, "GET", base+"/todos", ""); a.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("step 3: GET /todos has Access-Control-Allow-Origin %q; want * on every answer",
			a.header.Get("Access-Control-Allow-Origin"))
	}
	if a := do(t, "GET", base+"/todos/999", ""); a.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("step 3: an error answer has Access-Control-Allow-Origin %q; want * there too",
			a.header.Get("Access-Control-Allow-Origin"))
	}
}
