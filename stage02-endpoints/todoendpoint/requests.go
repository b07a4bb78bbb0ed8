package todoendpoint

import (
	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Every response reports the error it carries through Failed, so that
// transports can tell a failed answer from a successful one without knowing
// its type.
var (
	_ endpoint.Failer = CreateResponse{}
	_ endpoint.Failer = GetResponse{}
	_ endpoint.Failer = ListResponse{}
	_ endpoint.Failer = UpdateResponse{}
	_ endpoint.Failer = DeleteResponse{}
	_ endpoint.Failer = DeleteAllResponse{}
)

// CreateRequest holds the arguments of todo.Service.Create.
type CreateRequest struct {
	Title string
	Order int64
}

// CreateResponse holds the results of todo.Service.Create. Err is the
// service's error, or nil.
type CreateResponse struct {
	Todo todo.Todo
	Err  error
}

// Failed returns the error the response carries, or nil.
func (r CreateResponse) Failed() error { return r.Err }

// GetRequest holds the arguments of todo.Service.Get.
type GetRequest struct {
	ID int64
}

// GetResponse holds the results of todo.Service.Get. Err is the service's
// error, or nil.
type GetResponse struct {
	Todo todo.Todo
	Err  error
}

// Failed returns the error the response carries, or nil.
func (r GetResponse) Failed() error { return r.Err }

// ListRequest holds the arguments of todo.Service.List: there are none.
type ListRequest struct{}

// ListResponse holds the results of todo.Service.List. Todos is never nil
// when Err is nil.
type ListResponse struct {
	Todos []todo.Todo
	Err   error
}

// Failed returns the error the response carries, or nil.
func (r ListResponse) Failed() error { return r.Err }

// UpdateRequest holds the arguments of todo.Service.Update.
type UpdateRequest struct {
	ID    int64
	Patch todo.Patch
}

// UpdateResponse holds the results of todo.Service.Update. Err is the
// service's error, or nil.
type UpdateResponse struct {
	Todo todo.Todo
	Err  error
}

// Failed returns the error the response carries, or nil.
func (r UpdateResponse) Failed() error { return r.Err }

// DeleteRequest holds the arguments of todo.Service.Delete.
type DeleteRequest struct {
	ID int64
}

// DeleteResponse holds the result of todo.Service.Delete. Err is the
// service's error, or nil.
type DeleteResponse struct {
	Err error
}

// Failed returns the error the response carries, or nil.
func (r DeleteResponse) Failed() error { return r.Err }

// DeleteAllRequest holds the arguments of todo.Service.DeleteAll: there are
// none.
type DeleteAllRequest struct{}

// DeleteAllResponse holds the result of todo.Service.DeleteAll.
type DeleteAllResponse struct {
	Err error
}

// Failed returns the error the response carries, or nil.
func (r DeleteAllResponse) Failed() error { return r.Err }
