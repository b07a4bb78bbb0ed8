package drills

import (
	"context"
	"fmt"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// The gRPC fuzz targets send the request as wire bytes that they build
// themselves (protowire), not through the generated client: proto.Marshal
// refuses a string that is not UTF-8 on the client's side, so the server
// would never see one; a hostile client has no such scruple. extra, any
// bytes, is appended to the message: unknown fields, a known field given
// twice, a known field of the wrong wire type, or garbage.

// rawFrame is a request already encoded, sent as it is by rawCodec.
type rawFrame []byte

// rawCodec sends a rawFrame's bytes unchanged and decodes replies as
// protobuf. Its name is "proto", so that the server decodes the request
// with its ordinary codec.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) {
	frame, ok := v.(rawFrame)
	if !ok {
		return nil, fmt.Errorf("rawCodec: %T is not a rawFrame", v)
	}
	return frame, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error { return proto.Unmarshal(data, v.(proto.Message)) }
func (rawCodec) Name() string                       { return "proto" }

// unmarshalRefusal is how grpc-go itself answers a request whose bytes are
// not the message (a string that is not UTF-8, truncated or malformed
// bytes; a known field of the wrong wire type is kept as an unknown field): codes.Internal, before any of kit's code or
// the service's runs. The drills accept that answer, and
// only that one with Internal, as long as nothing is stored; a server that
// answers InvalidArgument instead passes too.
const unmarshalRefusal = "grpc: failed to unmarshal the received message"

// grpcAnswerOK reports whether err is an answer that any request may get.
func grpcAnswerOK(err error) bool {
	s := status.Convert(err)
	switch s.Code() {
	case codes.OK, codes.InvalidArgument, codes.NotFound:
		return true
	case codes.Internal:
		return strings.HasPrefix(s.Message(), unmarshalRefusal)
	case codes.ResourceExhausted: // a message over the server's 4 MiB limit
		return strings.HasPrefix(s.Message(), "grpc: received message larger than max")
	}
	return false
}

// newGRPCConn serves the stage 05 gRPC server (NewGRPCServer, as todosvc
// runs it) over store on a loopback port, and returns a connection to it;
// both end with t.
func newGRPCConn(t testing.TB, store *sqlite.Store) *grpc.ClientConn {
	t.Helper()
	endpoints := todoendpoint.New(todo.NewService(store, time.Now))
	server, _ := todogrpc.NewGRPCServer(endpoints, log.NewNopLogger()) // health stays SERVING: no stop here
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go server.Serve(l)
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient(l.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{}), grpc.MaxCallSendMsgSize(8<<20)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// invoke sends frame to method and returns the call's error; a deadline
// bounds each call.
func invoke(conn *grpc.ClientConn, method string, frame rawFrame, reply proto.Message) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return conn.Invoke(ctx, "/todo.v1.TodoService/"+method, frame, reply)
}

// FuzzGRPCCreate sends CreateRequest{title, order} plus extra bytes.
// Property: OK, InvalidArgument, or grpc-go's own unmarshalling refusal;
// OK stores exactly the todo it answers, an error stores nothing. The store
// is emptied after each input.
func FuzzGRPCCreate(f *testing.F) {
	store := newStore(f)
	conn := newGRPCConn(f, store)
	f.Fuzz(func(t *testing.T, title string, order int64, extra []byte) {
		checkGRPCCreate(t, conn, store, title, order, extra)
	})
}

// TestGRPCCreateHuge checks FuzzGRPCCreate's property on a title too big
// for a seed: 3 MiB (one such create once wrote a 3 MB log line), under the server's
// 4 MiB limit on a message.
func TestGRPCCreateHuge(t *testing.T) {
	store := newStore(t)
	conn := newGRPCConn(t, store)
	checkGRPCCreate(t, conn, store, strings.Repeat("a", 3<<20), 0, nil)
}

// checkGRPCCreate sends CreateRequest{title, order} plus extra to conn and
// checks FuzzGRPCCreate's property, then empties the store.
func checkGRPCCreate(t *testing.T, conn *grpc.ClientConn, store *sqlite.Store, title string, order int64, extra []byte) {
	t.Helper()
	defer store.DeleteAll(context.Background())
	var frame []byte
	frame = protowire.AppendTag(frame, 1, protowire.BytesType)
	frame = protowire.AppendString(frame, title)
	frame = protowire.AppendTag(frame, 2, protowire.VarintType)
	frame = protowire.AppendVarint(frame, uint64(order))
	frame = append(frame, extra...)

	reply := &todov1.CreateResponse{}
	err := invoke(conn, "Create", frame, reply)
	if !grpcAnswerOK(err) {
		t.Fatalf("Create(title %q, order %d, extra %x): %v; want OK or InvalidArgument, never Internal, Unknown or another code",
			clipString(title), order, clip(extra), err)
	}
	stored := allTodos(t, store)
	if err != nil {
		if len(stored) != 0 {
			t.Fatalf("Create(title %q, order %d, extra %x): %v, but the store now holds %+v: a failed create must store nothing",
				clipString(title), order, clip(extra), err, stored)
		}
		return
	}
	if len(stored) != 1 || stored[0].ID != reply.GetTodo().GetId() || stored[0].Title != reply.GetTodo().GetTitle() {
		t.Fatalf("Create(title %q, order %d, extra %x): OK with %v, but the store holds %+v",
			clipString(title), order, clip(extra), reply.GetTodo(), stored)
	}
}

// FuzzGRPCUpdate sends UpdateRequest{id, title?, completed?, order?} plus
// extra bytes, with one todo in the store. Property: OK, InvalidArgument,
// NotFound, or grpc-go's own unmarshalling refusal; an error changes
// nothing. The todo is put back as it was after each input.
func FuzzGRPCUpdate(f *testing.F) {
	store := newStore(f)
	conn := newGRPCConn(f, store)
	ctx := context.Background()
	seed, err := store.Insert(ctx, todo.Todo{Title: "seed", Order: 1, CreatedAt: time.Now(), UpdatedAt: time.Now()})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id int64, setTitle bool, title string, setCompleted, completed, setOrder bool, order int64, extra []byte) {
		var frame []byte
		frame = protowire.AppendTag(frame, 1, protowire.VarintType)
		frame = protowire.AppendVarint(frame, uint64(id))
		if setTitle {
			frame = protowire.AppendTag(frame, 2, protowire.BytesType)
			frame = protowire.AppendString(frame, title)
		}
		if setCompleted {
			frame = protowire.AppendTag(frame, 3, protowire.VarintType)
			frame = protowire.AppendVarint(frame, protowire.EncodeBool(completed))
		}
		if setOrder {
			frame = protowire.AppendTag(frame, 4, protowire.VarintType)
			frame = protowire.AppendVarint(frame, uint64(order))
		}
		frame = append(frame, extra...)
		call := fmt.Sprintf("Update(id %d, title %v %q, completed %v %v, order %v %d, extra %x)",
			id, setTitle, clipString(title), setCompleted, completed, setOrder, order, clip(extra))

		before := allTodos(t, store)
		err := invoke(conn, "Update", frame, &todov1.UpdateResponse{})
		if !grpcAnswerOK(err) {
			t.Fatalf("%s: %v; want OK, InvalidArgument or NotFound, never Internal, Unknown or another code", call, err)
		}
		after := allTodos(t, store)
		if err != nil && !reflect.DeepEqual(before, after) {
			t.Fatalf("%s: %v, but the store went from %+v to %+v: a failed update must change nothing", call, err, before, after)
		}
		if len(after) != 1 || after[0].ID != seed.ID {
			t.Fatalf("%s: %v, and the store went from %+v to %+v: an update adds or removes no todo", call, err, before, after)
		}
		if !reflect.DeepEqual(before, after) {
			title, completed, order := seed.Title, seed.Completed, seed.Order
			if _, err := store.Update(ctx, seed.ID, todo.Patch{Title: &title, Completed: &completed, Order: &order}, seed.UpdatedAt); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// clipString shortens s for a failure message.
func clipString(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
