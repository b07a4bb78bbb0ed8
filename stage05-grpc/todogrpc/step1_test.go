package todogrpc

import (
	"context"
	"errors"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 1: protobuf messages in, responses out, failed responses to the
// error path (README, "Step 1").

func TestStep1DecodeUpdateRequestKeepsUnsetFieldsNil(t *testing.T) {
	defer noPanic(t, 1, "decodeUpdateRequest")
	// Completed set to false and Order to 0: zero values, but set. Title
	// not set at all.
	grpcReq := &todov1.UpdateRequest{Id: 7, Completed: proto.Bool(false), Order: proto.Int64(0)}
	got, err := decodeUpdateRequest(context.Background(), grpcReq)
	if err != nil {
		t.Fatalf("step 1: decodeUpdateRequest(id 7, completed false, order 0) returned the error %q; want a todoendpoint.UpdateRequest %s", err, stuck(1))
	}
	req, ok := got.(todoendpoint.UpdateRequest)
	if !ok {
		t.Fatalf("step 1: decodeUpdateRequest returned a %T; want a todoendpoint.UpdateRequest: the endpoint asserts that type %s", got, stuck(1))
	}
	if req.ID != 7 {
		t.Fatalf("step 1: decodeUpdateRequest(id 7, …) returned ID %d; want 7 %s", req.ID, stuck(1))
	}
	p := req.Patch
	if p.Completed == nil || *p.Completed || p.Order == nil || *p.Order != 0 {
		t.Fatalf("step 1: decodeUpdateRequest(completed false, order 0) returned the patch %s; want Completed false and Order 0, set.\n"+
			"The client set both, to their zero values: a patch that drops them could never un-complete a todo or move it to order 0 %s",
			showPatch(p), stuck(1))
	}
	if p.Title != nil {
		t.Fatalf("step 1: decodeUpdateRequest(no title) returned the patch %s; want Title nil.\n"+
			"The client did not send a title: the patch must leave the title alone, not set it to \"\" (the service would refuse an empty title) %s",
			showPatch(p), stuck(1))
	}
	if _, err := decodeUpdateRequest(context.Background(), &todov1.GetRequest{Id: 7}); err == nil {
		t.Fatalf("step 1: decodeUpdateRequest(a *todov1.GetRequest) returned no error; want one: a message of another rpc is a wiring mistake %s", stuck(1))
	}
}

func TestStep1EncodeResponseEncodesSuccess(t *testing.T) {
	defer noPanic(t, 1, "encodeResponse")
	created := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	found := todo.Todo{ID: 5, Title: "Buy milk", Order: 2, CreatedAt: created, UpdatedAt: created}
	got, err := encodeResponse(encodeGetResponse)(context.Background(), todoendpoint.GetResponse{Todo: found})
	if err != nil {
		t.Fatalf("step 1: encodeResponse(encodeGetResponse) of a GetResponse that did not fail returned the error %q; want the encoded *todov1.GetResponse %s", err, stuck(1))
	}
	want := &todov1.GetResponse{Todo: &todov1.Todo{Id: 5, Title: "Buy milk", Order: 2,
		CreatedAt: timestamppb.New(created), UpdatedAt: timestamppb.New(created)}}
	if msg, ok := got.(*todov1.GetResponse); !ok || !proto.Equal(msg, want) {
		t.Fatalf("step 1: encodeResponse(encodeGetResponse) of a GetResponse that did not fail returned %v (%T); want what encodeGetResponse makes: %v %s", got, got, want, stuck(1))
	}

	// Not a Failer at all: straight to the encoder.
	plain := func(_ context.Context, response any) (any, error) { return "encoded " + response.(string), nil }
	if got, err := encodeResponse(plain)(context.Background(), "hello"); err != nil || got != "encoded hello" {
		t.Fatalf("step 1: encodeResponse(enc) of a response that is no endpoint.Failer returned (%v, %v); want (\"encoded hello\", nil): "+
			"a response of some other shape never reached its encoder, so the rpc that returns it would answer nothing %s", got, err, stuck(1))
	}
}

func TestStep1EncodeResponseSendsFailuresToTheErrorPath(t *testing.T) {
	defer noPanic(t, 1, "encodeResponse")
	encoded := false
	enc := func(context.Context, any) (any, error) { encoded = true; return &todov1.GetResponse{}, nil }
	notFound := todo.Errorf(todo.CodeNotFound, "todo 9 not found")

	got, err := encodeResponse(enc)(context.Background(), todoendpoint.GetResponse{Err: notFound})
	if encoded || err == nil {
		t.Fatalf("step 1: encodeResponse(enc) of a GetResponse with Err \"todo 9 not found\" returned (a %T, %v), encoder called: %v; "+
			"want (nil, that error) and the encoder not called.\n"+
			"Kit's server calls the encoder whenever the endpoint returned no error: the client would get OK and an empty todo %s", got, err, encoded, stuck(1))
	}
	if got != nil || !errors.Is(err, todo.ErrNotFound) || err.Error() != "todo 9 not found" {
		t.Fatalf("step 1: encodeResponse(enc) of a failed GetResponse returned (%v, %q); want (nil, the response's own error, \"todo 9 not found\"): "+
			"the server method turns what comes back here into the client's status, so the client would not read NotFound \"todo 9 not found\" %s", got, err, stuck(1))
	}
}
