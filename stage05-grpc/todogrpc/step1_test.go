package todogrpc

import (
	"context"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 1: protobuf messages ↔ endpoint requests and responses (README, "Step 1").

func TestStep1DecodeCreateRequest(t *testing.T) {
	got, err := decodeCreateRequest(context.Background(), &todov1.CreateRequest{Title: "Buy milk", Order: 3})
	if err != nil {
		t.Fatalf("step 1: decodeCreateRequest(&todov1.CreateRequest{Title: \"Buy milk\", Order: 3}) = %v; want a request.\n"+
			"Assert the *todov1.CreateRequest (two-value form), then return a todoendpoint.CreateRequest", err)
	}
	want := todoendpoint.CreateRequest{Title: "Buy milk", Order: 3}
	if got != want {
		t.Fatalf("step 1: decodeCreateRequest returned %#v; want %#v", got, want)
	}
	if _, err := decodeCreateRequest(context.Background(), &todov1.GetRequest{Id: 1}); err == nil {
		t.Fatalf("step 1: decodeCreateRequest(&todov1.GetRequest{}) returned no error; want one: " +
			"check the type with req, ok := grpcReq.(*todov1.CreateRequest) and return wrongType(…) when !ok")
	}
}

func TestStep1DecodeUpdateRequestKeepsUnsetFieldsNil(t *testing.T) {
	// Completed set to false and Order to 0: zero values, but set. Title
	// not set at all.
	grpcReq := &todov1.UpdateRequest{Id: 7, Completed: proto.Bool(false), Order: proto.Int64(0)}
	got, err := decodeUpdateRequest(context.Background(), grpcReq)
	if err != nil {
		t.Fatalf("step 1: decodeUpdateRequest(id 7, completed false, order 0) = %v; want a request.\n"+
			"Copy the id and the three optional fields into a todoendpoint.UpdateRequest", err)
	}
	req, ok := got.(todoendpoint.UpdateRequest)
	if !ok {
		t.Fatalf("step 1: decodeUpdateRequest returned a %T; want a todoendpoint.UpdateRequest", got)
	}
	p := req.Patch
	if req.ID != 7 || p.Title != nil || p.Completed == nil || *p.Completed || p.Order == nil || *p.Order != 0 {
		t.Fatalf("step 1: decodeUpdateRequest returned ID %d, patch %s; want ID 7, Title nil, Completed false, Order 0.\n"+
			"proto3 optional fields are pointers: req.Title is nil when the client did not set it. "+
			"Copy the pointers (req.Title, not req.GetTitle()), or a patch could never set false or 0", req.ID, showPatch(p))
	}
}

func TestStep1EncodeCreateResponse(t *testing.T) {
	created := time.Date(2026, 11, 25, 9, 30, 0, 123456789, time.UTC)
	resp := todoendpoint.CreateResponse{Todo: todo.Todo{ID: 5, Title: "Buy milk", Order: 2, CreatedAt: created, UpdatedAt: created}}
	got, err := encodeCreateResponse(context.Background(), resp)
	if err != nil {
		t.Fatalf("step 1: encodeCreateResponse(a CreateResponse) = %v; want a *todov1.CreateResponse.\n"+
			"Assert the todoendpoint.CreateResponse, then return &todov1.CreateResponse{Todo: toProto(resp.Todo)}", err)
	}
	want := &todov1.CreateResponse{Todo: &todov1.Todo{Id: 5, Title: "Buy milk", Order: 2,
		CreatedAt: timestamppb.New(created), UpdatedAt: timestamppb.New(created)}}
	msg, ok := got.(*todov1.CreateResponse)
	if !ok || !proto.Equal(msg, want) {
		t.Fatalf("step 1: encodeCreateResponse returned %v (%T); want %v (a pointer: gRPC sends *todov1.CreateResponse)", got, got, want)
	}
}
