package todogrpc

import (
	"context"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 3: the server binding (README, "Step 3"). A real gRPC server on
// 127.0.0.1 over a real SQLite file, called with the generated client.

// createHint is what to do when the Create rpc does not work.
const createHint = "In NewServer, bind the endpoint: create: grpctransport.NewServer(e.CreateEndpoint, decodeCreateRequest, " +
	"encodeResponse(encodeCreateResponse), options...); in the Create method, call s.create.ServeGRPC(ctx, req), " +
	"return toStatus(err) on error, else the response as a *todov1.CreateResponse. " +
	"(Unimplemented \"… not written yet\" means an earlier step is missing; for Internal, the server's log below shows the error behind it.)"

func TestStep3CreateOverGRPC(t *testing.T) {
	client, svc := newRawClient(t)
	ctx := context.Background()

	resp, err := client.Create(ctx, &todov1.CreateRequest{Title: "  Buy milk ", Order: 2})
	if err != nil {
		t.Fatalf("step 3: the Create rpc {title: \"  Buy milk \", order: 2} answered %s; want the new todo.\n%s", codeAndMessage(err), createHint)
	}
	got := resp.GetTodo()
	if got.GetId() <= 0 || got.GetTitle() != "Buy milk" || got.GetOrder() != 2 || got.GetCompleted() || got.GetCreatedAt() == nil {
		t.Fatalf("step 3: the Create rpc answered %v; want a todo with an id, the trimmed title, order 2, not completed, created_at set", got)
	}
	stored, err := svc.Get(ctx, got.GetId())
	if err != nil || !todotest.Same(stored, fromProto(got)) {
		t.Fatalf("step 3: after the Create rpc, the service has %+v (%v); want what the rpc answered: %+v", stored, err, fromProto(got))
	}
}

func TestStep3EveryRPC(t *testing.T) {
	client, _ := newRawClient(t)
	ctx := context.Background()

	first, err := client.Create(ctx, &todov1.CreateRequest{Title: "b", Order: 2})
	if err != nil {
		t.Fatalf("step 3: the Create rpc answered %s; want the new todo.\n%s", codeAndMessage(err), createHint)
	}
	second, err := client.Create(ctx, &todov1.CreateRequest{Title: "a", Order: 1})
	if err != nil {
		t.Fatalf("step 3: the Create rpc answered %s; want the new todo.\n%s", codeAndMessage(err), createHint)
	}
	id := first.GetTodo().GetId()

	got, err := client.Get(ctx, &todov1.GetRequest{Id: id})
	if err != nil || !proto.Equal(got.GetTodo(), first.GetTodo()) {
		t.Fatalf("step 3: the Get rpc for %d answered %v, %s; want %v", id, got.GetTodo(), codeAndMessage(err), first.GetTodo())
	}
	list, err := client.List(ctx, &todov1.ListRequest{})
	if err != nil || len(list.GetTodos()) != 2 || list.GetTodos()[0].GetTitle() != "a" || list.GetTodos()[1].GetTitle() != "b" {
		t.Fatalf("step 3: the List rpc answered %v, %s; want a then b (sorted by order)", list.GetTodos(), codeAndMessage(err))
	}
	updated, err := client.Update(ctx, &todov1.UpdateRequest{Id: id, Completed: proto.Bool(true)})
	if err != nil || !updated.GetTodo().GetCompleted() || updated.GetTodo().GetTitle() != "b" {
		t.Fatalf("step 3: the Update rpc {id: %d, completed: true} answered %v, %s; want b, completed", id, updated.GetTodo(), codeAndMessage(err))
	}
	if _, err := client.Delete(ctx, &todov1.DeleteRequest{Id: second.GetTodo().GetId()}); err != nil {
		t.Fatalf("step 3: the Delete rpc answered %s; want OK", codeAndMessage(err))
	}
	if _, err := client.DeleteAll(ctx, &todov1.DeleteAllRequest{}); err != nil {
		t.Fatalf("step 3: the DeleteAll rpc answered %s; want OK", codeAndMessage(err))
	}
	if list, err := client.List(ctx, &todov1.ListRequest{}); err != nil || len(list.GetTodos()) != 0 {
		t.Fatalf("step 3: after DeleteAll, the List rpc answered %v, %s; want no todos", list.GetTodos(), codeAndMessage(err))
	}
}

func TestStep3BadInputGetsItsCodeAndStoresNothing(t *testing.T) {
	client, svc := newRawClient(t)
	ctx := context.Background()
	kept := mustCreate(t, svc, "keep me", 1)

	for _, tc := range []struct {
		rpc     string
		call    func() error
		code    codes.Code
		message string
	}{
		{"Create with no title", func() error { _, err := client.Create(ctx, &todov1.CreateRequest{}); return err },
			codes.InvalidArgument, "empty"},
		{"Create with a blank title", func() error { _, err := client.Create(ctx, &todov1.CreateRequest{Title: " \t "}); return err },
			codes.InvalidArgument, "empty"},
		{"Create with a title too long", func() error {
			_, err := client.Create(ctx, &todov1.CreateRequest{Title: strings.Repeat("x", todo.MaxTitleLength+1)})
			return err
		}, codes.InvalidArgument, "limit"},
		{"Update with no fields", func() error { _, err := client.Update(ctx, &todov1.UpdateRequest{Id: kept.ID}); return err },
			codes.InvalidArgument, "nothing to update"},
		{"Update with a blank title", func() error {
			_, err := client.Update(ctx, &todov1.UpdateRequest{Id: kept.ID, Title: proto.String("  ")})
			return err
		}, codes.InvalidArgument, "empty"},
		{"Get of an unknown id", func() error { _, err := client.Get(ctx, &todov1.GetRequest{Id: 4242}); return err },
			codes.NotFound, "4242"},
		{"Update of an unknown id", func() error {
			_, err := client.Update(ctx, &todov1.UpdateRequest{Id: 4242, Completed: proto.Bool(true)})
			return err
		}, codes.NotFound, "4242"},
		{"Delete of an unknown id", func() error { _, err := client.Delete(ctx, &todov1.DeleteRequest{Id: 4242}); return err },
			codes.NotFound, "4242"},
	} {
		err := tc.call()
		if st := status.Convert(err); st.Code() != tc.code || !strings.Contains(st.Message(), tc.message) {
			t.Fatalf("step 3: the %s rpc answered %s; want %s with a message that mentions %q.\n"+
				"The server method must return toStatus(err) (step 2) for every error of ServeGRPC", tc.rpc, codeAndMessage(err), tc.code, tc.message)
		}
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 1 || !todotest.Same(list[0], kept) {
		t.Fatalf("step 3: after bad input, the service holds %+v (%v); want only %q, unchanged", list, err, kept.Title)
	}
}

func TestStep3InternalErrorsSayNothing(t *testing.T) {
	store := todotest.NewStore(t)
	if err := store.Close(); err != nil { // every query fails: a real internal error
		t.Fatal(err)
	}
	conn, _ := serveEndpoints(t, todoendpoint.New(todo.NewService(store, nil)))
	client := todov1.NewTodoServiceClient(conn)

	_, err := client.Create(context.Background(), &todov1.CreateRequest{Title: "on a closed database"})
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("step 3: the Create rpc on a closed database answered %s; want Internal \"internal error\".\n%s", codeAndMessage(err), createHint)
	}
}
