package todohttp

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 1: decode requests (README, "Step 1").

func TestStep1DecodeCreateRequest(t *testing.T) {
	r := httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title": "Buy milk", "order": 3}`))
	got, err := decodeCreateRequest(context.Background(), r)
	if err != nil {
		t.Fatalf("step 1: decodeCreateRequest(POST /todos {\"title\": \"Buy milk\", \"order\": 3}) = %v; want a request.\n"+
			"Read the body into a createJSON with readJSON, then return a todoendpoint.CreateRequest", err)
	}
	want := todoendpoint.CreateRequest{Title: "Buy milk", Order: 3}
	if got != want {
		t.Fatalf("step 1: decodeCreateRequest returned %#v; want %#v", got, want)
	}
}

func TestStep1DecodeUpdateRequest(t *testing.T) {
	r := httptest.NewRequest("PATCH", "/todos/7", strings.NewReader(`{"completed": true}`))
	r.SetPathValue("id", "7") // the ServeMux does this for GET /todos/{id}
	got, err := decodeUpdateRequest(context.Background(), r)
	if err != nil {
		t.Fatalf("step 1: decodeUpdateRequest(PATCH /todos/7 {\"completed\": true}) = %v; want a request.\n"+
			"Read the id with pathID and the body into a patchJSON with readJSON", err)
	}
	req, ok := got.(todoendpoint.UpdateRequest)
	if !ok {
		t.Fatalf("step 1: decodeUpdateRequest returned a %T; want a todoendpoint.UpdateRequest", got)
	}
	p := req.Patch
	if req.ID != 7 || p.Completed == nil || !*p.Completed || p.Title != nil || p.Order != nil {
		t.Fatalf("step 1: decodeUpdateRequest returned ID %d, patch %+v; want ID 7 and only Completed = true "+
			"(fields absent from the body stay nil)", req.ID, p)
	}
}

func TestStep1DecodeRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		what, id, body string
		want           error
	}{
		{"malformed JSON", "1", `{"title": `, todo.ErrInvalid},
		{"a title that is a number", "1", `{"title": 5}`, todo.ErrInvalid},
		{"completed as a string", "1", `{"completed": "yes"}`, todo.ErrInvalid},
		{"an id that is not a number", "abc", `{"completed": true}`, todo.ErrNotFound},
	} {
		r := httptest.NewRequest("PATCH", "/todos/"+tc.id, strings.NewReader(tc.body))
		r.SetPathValue("id", tc.id)
		_, err := decodeUpdateRequest(context.Background(), r)
		if !errors.Is(err, tc.want) {
			t.Fatalf("step 1: decodeUpdateRequest with %s = %v; want an error matching %v.\n"+
				"Return readJSON's error as it is; pathID answers not found for an id that is not a number", tc.what, err, tc.want)
		}
	}
}
