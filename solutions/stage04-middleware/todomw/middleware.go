package todomw

import "github.com/gokit-workshop/workshop/solutions/stage01-service/todo"

// ServiceMiddleware decorates a todo.Service: it returns a Service that does
// something around each call and passes the call on to next.
type ServiceMiddleware func(next todo.Service) todo.Service
