package todohttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// MaxBodyBytes is the largest request body the server reads; a larger one is
// answered 413.
const MaxBodyBytes = 1 << 20 // 1 MiB

// The server's request decoders: HTTP request → the endpoint's request type.
// A decoder's error is answered by encodeError and never reaches the service.

func decodeCreateRequest(_ context.Context, r *http.Request) (any, error) {
	// TODO(stage03, step 1): POST /todos, body {"title": "…", "order": n}
	// (order may be absent) → the create endpoint's request. The body is
	// read with readJSON into the wire type of a create (json.go); every
	// way the body can be wrong is already an error there with its status
	// (400 or 413): pass it on as it is.
	// The wire type also takes "completed", which the endpoint's request has
	// no room for: a new todo is not completed. Never drop what a client
	// sent; decide what each value gets (README, step 1), and a refusal is
	// a domain error whose message names the field.
	return nil, errors.New("decodeCreateRequest is not written yet: do stage 03, step 1")
}

func decodeGetRequest(_ context.Context, r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return todoendpoint.GetRequest{ID: id}, nil
}

func decodeListRequest(context.Context, *http.Request) (any, error) {
	return todoendpoint.ListRequest{}, nil
}

func decodeUpdateRequest(_ context.Context, r *http.Request) (any, error) {
	// TODO(stage03, step 1): PATCH /todos/{id}, body with any of title,
	// completed, order → the update endpoint's request: the id from the
	// path, the patch from the body. A field the body leaves out (or gives
	// as null) must stay "not given" all the way to the service, which
	// decides what a patch means; a field given must keep its value, even
	// false or 0.
	return nil, errors.New("decodeUpdateRequest is not written yet: do stage 03, step 1")
}

func decodeDeleteRequest(_ context.Context, r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return todoendpoint.DeleteRequest{ID: id}, nil
}

func decodeDeleteAllRequest(context.Context, *http.Request) (any, error) {
	return todoendpoint.DeleteAllRequest{}, nil
}

// pathID returns the {id} of the route as a number, or the error for a
// path whose {id} is not one.
func pathID(r *http.Request) (int64, error) {
	// TODO(stage03, step 1): the {id} of the route (the ServeMux matched it;
	// see go doc net/http.Request.PathValue) as an int64. For text that is
	// not a number, decide the error (README, step 1). One todo has one
	// path: only the decimal the todo's url holds names it, so "+5" and
	// "05" are not numbers here, whatever the parser accepts.
	return 0, errors.New("pathID is not written yet: do stage 03, step 1")
}

// readJSON reads the request body, one JSON object, into v. Every way the
// body can be wrong becomes an error a user can act on: 400 for malformed
// JSON, bytes that are not UTF-8, a field v does not have or a field of the
// wrong type, 413 for a body over MaxBodyBytes (the handler limits every
// body: see limitBody).
//
// The UTF-8 check runs on the raw bytes, before encoding/json sees them:
// json.Unmarshal replaces each invalid byte inside a string with U+FFFD
// and reports nothing, so the service's own UTF-8 rule would only ever see
// valid text. A field the body gives and v does not have is refused, not
// dropped: the client meant something by it. A key given twice keeps its
// last value: encoding/json has no option to refuse it (README, step 1).
func readJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	if !utf8.Valid(body) {
		return todo.Errorf(todo.CodeInvalid, "request body is not valid UTF-8, as JSON text must be")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if dec.More() {
		return todo.Errorf(todo.CodeInvalid, "request body must hold one JSON object and nothing after it")
	}
	return nil
}

// bodyError turns an error of json.Decoder.Decode into a domain error (400)
// or a 413 error.
func bodyError(err error) error {
	var (
		tooBig    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		return &statusError{status: http.StatusRequestEntityTooLarge,
			message: fmt.Sprintf("request body is larger than %d bytes", tooBig.Limit)}
	case errors.Is(err, io.EOF):
		return todo.Errorf(todo.CodeInvalid, "request body is empty: send a JSON object")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return todo.Errorf(todo.CodeInvalid, "malformed JSON: %v", err)
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return todo.Errorf(todo.CodeInvalid, "request body must be a JSON object, not %s", typeErr.Value)
	case errors.As(err, &typeErr):
		return todo.Errorf(todo.CodeInvalid, "field %q must be %s, not %s", typeErr.Field, jsonKind(typeErr.Type), typeErr.Value)
	case strings.HasPrefix(err.Error(), unknownField):
		// encoding/json has no error type for it, only this text.
		return todo.Errorf(todo.CodeInvalid, "field %s is not one this request takes", strings.TrimPrefix(err.Error(), unknownField))
	}
	return todo.Errorf(todo.CodeInvalid, "malformed JSON: %v", err)
}

// unknownField starts the text of json.Decoder's error for a field that
// the destination does not have (see Decoder.DisallowUnknownFields).
const unknownField = "json: unknown field "

// jsonKind names, for a user, the JSON kind a Go type wants.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	}
	return "a " + t.String()
}
