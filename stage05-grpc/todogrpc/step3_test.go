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

// createHint says what an rpc's error err means in step 3.
func createHint(err error) string {
	if status.Code(err) == codes.Internal {
		return "Internal \"internal error\" hides the real error from the client, as it should: the server's log below shows it " +
			"(a nil pointer panic there: a handler that NewServer did not bind) " + stuck(3)
	}
	return "Every rpc goes from its generated method through handle to the kit server that NewServer bound for it " + stuck(3)
}

func TestStep3CreateOverGRPC(t *testing.T) {
	client, svc := newRawClient(t)
	ctx := context.Background()

	resp, err := client.Create(ctx, &todov1.CreateRequest{Title: "  Buy milk ", Order: 2})
	earlierStep(t, 3, "the Create rpc", err)
	if err != nil {
		t.Fatalf("step 3: the Create rpc {title: \"  Buy milk \", order: 2} answered %s; want OK and the new todo.\n%s", codeAndMessage(err), createHint(err))
	}
	got := resp.GetTodo()
	if got.GetId() <= 0 || got.GetTitle() != "Buy milk" || got.GetOrder() != 2 || got.GetCompleted() || got.GetCreatedAt() == nil {
		t.Fatalf("step 3: the Create rpc answered %v; want a todo with an id, the trimmed title, order 2, not completed, created_at set %s", got, stuck(3))
	}
	stored, err := svc.Get(ctx, got.GetId())
	if err != nil || !todotest.Same(stored, fromProto(got)) {
		t.Fatalf("step 3: after the Create rpc, the service has %+v (%v); want what the rpc answered: %+v %s", stored, err, fromProto(got), stuck(3))
	}
}

func TestStep3EveryRPC(t *testing.T) {
	client, _ := newRawClient(t)
	ctx := context.Background()

	first, err := client.Create(ctx, &todov1.CreateRequest{Title: "b", Order: 2})
	earlierStep(t, 3, "the Create rpc", err)
	if err != nil {
		t.Fatalf("step 3: the Create rpc answered %s; want OK and the new todo.\n%s", codeAndMessage(err), createHint(err))
	}
	second, err := client.Create(ctx, &todov1.CreateRequest{Title: "a", Order: 1})
	if err != nil {
		t.Fatalf("step 3: the second Create rpc answered %s; want OK and the new todo %s", codeAndMessage(err), stuck(3))
	}
	id := first.GetTodo().GetId()

	got, err := client.Get(ctx, &todov1.GetRequest{Id: id})
	if err != nil || !proto.Equal(got.GetTodo(), first.GetTodo()) {
		t.Fatalf("step 3: the Get rpc for %d answered %v, %s; want %v: each rpc needs its own binding in NewServer %s", id, got.GetTodo(), codeAndMessage(err), first.GetTodo(), stuck(3))
	}
	list, err := client.List(ctx, &todov1.ListRequest{})
	if err != nil || len(list.GetTodos()) != 2 || list.GetTodos()[0].GetTitle() != "a" || list.GetTodos()[1].GetTitle() != "b" {
		t.Fatalf("step 3: the List rpc answered %v, %s; want a then b (sorted by order) %s", list.GetTodos(), codeAndMessage(err), stuck(3))
	}
	updated, err := client.Update(ctx, &todov1.UpdateRequest{Id: id, Completed: proto.Bool(true)})
	if err != nil || !updated.GetTodo().GetCompleted() || updated.GetTodo().GetTitle() != "b" {
		t.Fatalf("step 3: the Update rpc {id: %d, completed: true} answered %v, %s; want b, completed %s", id, updated.GetTodo(), codeAndMessage(err), stuck(3))
	}
	if _, err := client.Delete(ctx, &todov1.DeleteRequest{Id: second.GetTodo().GetId()}); err != nil {
		t.Fatalf("step 3: the Delete rpc answered %s; want OK %s", codeAndMessage(err), stuck(3))
	}
	if _, err := client.DeleteAll(ctx, &todov1.DeleteAllRequest{}); err != nil {
		t.Fatalf("step 3: the DeleteAll rpc answered %s; want OK %s", codeAndMessage(err), stuck(3))
	}
	if list, err := client.List(ctx, &todov1.ListRequest{}); err != nil || len(list.GetTodos()) != 0 {
		t.Fatalf("step 3: after DeleteAll, the List rpc answered %v, %s; want no todos %s", list.GetTodos(), codeAndMessage(err), stuck(3))
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
		earlierStep(t, 3, "the "+tc.rpc+" rpc", err)
		if st := status.Convert(err); st.Code() != tc.code || !strings.Contains(st.Message(), tc.message) {
			t.Fatalf("step 3: the %s rpc answered %s; want %s with a message that mentions %q.\n"+
				"A domain error leaves the endpoint inside its response: it must reach the error path (step 1) and become a status (step 2) on the way out %s", tc.rpc, codeAndMessage(err), tc.code, tc.message, stuck(3))
		}
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 1 || !todotest.Same(list[0], kept) {
		t.Fatalf("step 3: after bad input, the service holds %+v (%v); want only %q, unchanged %s", list, err, kept.Title, stuck(3))
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
	earlierStep(t, 3, "the Create rpc", err)
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("step 3: the Create rpc on a closed database answered %s; want Internal \"internal error\": the SQLite error stays in the server's log.\n%s", codeAndMessage(err), createHint(err))
	}
}
