package todohttp

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 1: decode requests (README, "Step 1"). Run: go test ./todohttp -run TestStep1

func TestStep1DecodeCreateRequest(t *testing.T) {
	r := httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title": "Buy milk", "order": 3}`))
	got, err := decodeCreateRequest(context.Background(), r)
	if err != nil {
		fatalf(t, 1, "decodeCreateRequest(POST /todos {\"title\": \"Buy milk\", \"order\": 3}) = %v; want the endpoint's request "+
			"for a create, with that title and order", err)
	}
	want := todoendpoint.CreateRequest{Title: "Buy milk", Order: 3}
	if got != want {
		fatalf(t, 1, "decodeCreateRequest(POST /todos {\"title\": \"Buy milk\", \"order\": 3}) returned %#v; want %#v: "+
			"the endpoint takes its request by value, of its own type", got, want)
	}

	r = httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title": "no order"}`))
	if got, err := decodeCreateRequest(context.Background(), r); err != nil || got != (todoendpoint.CreateRequest{Title: "no order"}) {
		fatalf(t, 1, "decodeCreateRequest(POST /todos {\"title\": \"no order\"}) = %#v, %v; want a request with order 0: "+
			"the contract lets a client leave the order out", got, err)
	}
}

// TestStep1CreateNeverDropsCompleted: a create may say "completed"; the
// endpoint's request has no room for it, and a new todo is not completed.
func TestStep1CreateNeverDropsCompleted(t *testing.T) {
	body := `{"title": "from a browser", "order": 1, "completed": false}`
	r := httptest.NewRequest("POST", "/todos", strings.NewReader(body))
	got, err := decodeCreateRequest(context.Background(), r)
	if want := (todoendpoint.CreateRequest{Title: "from a browser", Order: 1}); err != nil || got != want {
		fatalf(t, 1, "decodeCreateRequest(POST /todos %s) = %#v, %v; want %#v: the Todo-Backend page sends "+
			"\"completed\": false with every create, and that is what a new todo is", body, got, err, want)
	}

	body = `{"title": "c", "completed": true}`
	r = httptest.NewRequest("POST", "/todos", strings.NewReader(body))
	got, err = decodeCreateRequest(context.Background(), r)
	if !errors.Is(err, todo.ErrInvalid) {
		fatalf(t, 1, "decodeCreateRequest(POST /todos %s) = %#v, %v; want a domain error of code %q (400).\n"+
			"The client asked for a completed todo; the service creates only todos that are not completed, so "+
			"answering 201 and completed false drops what the client said without telling it", body, got, err, todo.CodeInvalid)
	}
	if !strings.Contains(err.Error(), "completed") {
		fatalf(t, 1, "decodeCreateRequest(POST /todos %s) refused it with %q; want a message that names the field "+
			"\"completed\", so the client knows what to change", body, err)
	}
}

func TestStep1DecodeUpdateRequest(t *testing.T) {
	r := httptest.NewRequest("PATCH", "/todos/7", strings.NewReader(`{"completed": true}`))
	r.SetPathValue("id", "7") // the ServeMux does this for a route with {id}
	got, err := decodeUpdateRequest(context.Background(), r)
	if err != nil {
		fatalf(t, 1, "decodeUpdateRequest(PATCH /todos/7 {\"completed\": true}) = %v; want the endpoint's request for an update", err)
	}
	req, ok := got.(todoendpoint.UpdateRequest)
	if !ok {
		fatalf(t, 1, "decodeUpdateRequest returned a %T; want a todoendpoint.UpdateRequest (by value)", got)
	}
	p := req.Patch
	if req.ID != 7 || p.Completed == nil || !*p.Completed || p.Title != nil || p.Order != nil {
		fatalf(t, 1, "decodeUpdateRequest(PATCH /todos/7 {\"completed\": true}) returned ID %d, patch %s; "+
			"want ID 7, Completed true, and Title and Order nil: a field the body does not give is \"leave it as it is\", "+
			"not \"set it to the zero value\"", req.ID, describePatch(p))
	}
}

// describePatch shows a patch's fields: nil, or the value given.
func describePatch(p todo.Patch) string {
	show := func(name string, v any) string { return fmt.Sprintf("%s: %v", name, v) }
	title, completed, order := show("Title", "nil"), show("Completed", "nil"), show("Order", "nil")
	if p.Title != nil {
		title = show("Title", strconv.Quote(*p.Title))
	}
	if p.Completed != nil {
		completed = show("Completed", *p.Completed)
	}
	if p.Order != nil {
		order = show("Order", *p.Order)
	}
	return "{" + title + ", " + completed + ", " + order + "}"
}

func TestStep1DecodeRejectsBadInput(t *testing.T) {
	// What the service itself answers for an id that no todo has: the
	// contract answers /todos/abc as it answers /todos/999.
	_, unknown := todotest.NewService(t).Get(context.Background(), 999)
	if code := todo.ErrorCode(unknown); code == "" || code == todo.CodeInternal {
		t.Fatalf("the service's Get(999) on an empty store = %v; want a domain error", unknown)
	}
	for _, tc := range []struct {
		what, id, body string
		want           error
		why            string
	}{
		{"malformed JSON", "1", `{"title": `, todo.ErrInvalid, "the client sent something it can fix (400); readJSON's error already says so"},
		{"a title that is a number", "1", `{"title": 5}`, todo.ErrInvalid, "the client sent something it can fix (400); readJSON's error already says so"},
		{"completed as a string", "1", `{"completed": "yes"}`, todo.ErrInvalid, "the client sent something it can fix (400); readJSON's error already says so"},
		{"a body that is not UTF-8", "1", "{\"title\": \"\xff\xfe\"}", todo.ErrInvalid,
			"the client sent something it can fix (400); readJSON's error already says so"},
		{"a field a patch does not have", "1", `{"done": true}`, todo.ErrInvalid,
			"the client sent something it can fix (400); readJSON's error already says so"},
		{"an id that is not a number", "abc", `{"completed": true}`, unknown,
			"the contract answers /todos/abc as it answers /todos/999, and the service's own answer for 999 has that code"},
		{"the id +5", "+5", `{"completed": true}`, unknown,
			"todo 5's path is /todos/5, the one its url holds; a parser that also reads \"+5\" gives one todo many paths"},
		{"the id 05", "05", `{"completed": true}`, unknown,
			"todo 5's path is /todos/5, the one its url holds; a parser that also reads \"05\" gives one todo many paths"},
	} {
		r := httptest.NewRequest("PATCH", "/todos/"+tc.id, strings.NewReader(tc.body))
		r.SetPathValue("id", tc.id)
		_, err := decodeUpdateRequest(context.Background(), r)
		if got, want := todo.ErrorCode(err), todo.ErrorCode(tc.want); got != want {
			fatalf(t, 1, "decodeUpdateRequest with %s = %v (domain code %q); want a domain error of code %q: %s",
				tc.what, err, got, want, tc.why)
		}
	}
}
