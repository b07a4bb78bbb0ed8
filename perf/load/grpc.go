package load

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
)

// grpcClient calls todo.v1.TodoService with the generated client, over one
// connection that every concurrent client shares (HTTP/2 multiplexes them),
// as a gRPC program usually does.
type grpcClient struct {
	conn *grpc.ClientConn
	api  todov1.TodoServiceClient
}

func newGRPCClient(addr string) (*grpcClient, error) {
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &grpcClient{conn: conn, api: todov1.NewTodoServiceClient(conn)}, nil
}

func (c *grpcClient) close() { c.conn.Close() }

func (c *grpcClient) create(ctx context.Context, title string, order int64) (int64, error) {
	resp, err := c.api.Create(ctx, &todov1.CreateRequest{Title: title, Order: order})
	return resp.GetTodo().GetId(), err
}

func (c *grpcClient) get(ctx context.Context, id int64) error {
	resp, err := c.api.Get(ctx, &todov1.GetRequest{Id: id})
	if err == nil && resp.GetTodo().GetId() != id {
		err = fmt.Errorf("Get(%d) answered todo %d", id, resp.GetTodo().GetId())
	}
	return err
}

func (c *grpcClient) list(ctx context.Context) (int, error) {
	resp, err := c.api.List(ctx, &todov1.ListRequest{})
	return len(resp.GetTodos()), err
}

func (c *grpcClient) update(ctx context.Context, id int64, completed bool) error {
	_, err := c.api.Update(ctx, &todov1.UpdateRequest{Id: id, Completed: &completed})
	return err
}

func (c *grpcClient) delete(ctx context.Context, id int64) error {
	_, err := c.api.Delete(ctx, &todov1.DeleteRequest{Id: id})
	return err
}
