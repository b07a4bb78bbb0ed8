package todohttp

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	httptransport "github.com/go-kit/kit/transport/http"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// encodeResponse wraps a response encoder: a failed response (one whose
// Failed method, kit's endpoint.Failer, returns a domain error) is answered
// by the package's one error encoder; a good one by enc.
func encodeResponse(enc httptransport.EncodeResponseFunc) httptransport.EncodeResponseFunc {
	// TODO(stage03, step 2): return an encoder that answers a failed
	// response (one that says it failed: kit's endpoint.Failer) through the
	// one error encoder, and any other response through enc. Decide what it
	// returns once the error answer is written (README, step 2).
	return enc
}

// The server's response encoders: the endpoint's response → HTTP answer.
// encodeResponse has already answered failed responses.

func encodeCreateResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	resp, ok := response.(todoendpoint.CreateResponse)
	if !ok {
		return wrongType("encodeCreateResponse", response, todoendpoint.CreateResponse{})
	}
	return writeJSON(w, http.StatusCreated, newTodoJSON(resp.Todo, baseURL(ctx)))
}

func encodeGetResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	resp, ok := response.(todoendpoint.GetResponse)
	if !ok {
		return wrongType("encodeGetResponse", response, todoendpoint.GetResponse{})
	}
	return writeJSON(w, http.StatusOK, newTodoJSON(resp.Todo, baseURL(ctx)))
}

func encodeListResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	resp, ok := response.(todoendpoint.ListResponse)
	if !ok {
		return wrongType("encodeListResponse", response, todoendpoint.ListResponse{})
	}
	list := make([]todoJSON, 0, len(resp.Todos)) // [] for no todos, never null
	for _, t := range resp.Todos {
		list = append(list, newTodoJSON(t, baseURL(ctx)))
	}
	return writeJSON(w, http.StatusOK, list)
}

func encodeUpdateResponse(ctx context.Context, w http.ResponseWriter, response any) error {
	resp, ok := response.(todoendpoint.UpdateResponse)
	if !ok {
		return wrongType("encodeUpdateResponse", response, todoendpoint.UpdateResponse{})
	}
	return writeJSON(w, http.StatusOK, newTodoJSON(resp.Todo, baseURL(ctx)))
}

// encodeNoContent answers 204 with no body: Delete and DeleteAll.
func encodeNoContent(_ context.Context, w http.ResponseWriter, _ any) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// wrongType is the error of an encoder given a value of another type than
// want: a wiring mistake in this package, not the caller's, answered 500.
func wrongType(what string, got, want any) error {
	return fmt.Errorf("todohttp: %s got a %T, want a %T", what, got, want)
}
