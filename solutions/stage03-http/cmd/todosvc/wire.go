package main

import (
	"net/http"
	"time"

	"github.com/go-kit/kit/transport"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// wire builds the service on the store, layer by layer, inside out:
// service → endpoints → HTTP handler. Each layer is an argument of the next:
// no globals, nothing hidden, the whole graph in one place.
func wire(store todo.Store, publicURL string, logger log.Logger) http.Handler {
	var service todo.Service
	service = todo.NewService(store, time.Now)

	var endpoints todoendpoint.Endpoints
	endpoints = todoendpoint.New(service)

	// Errors that reach the error encoder (decode failures, internal errors)
	// are logged here; the client only sees "internal error".
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	return todohttp.NewHandler(endpoints, publicURL, httptransport.ServerErrorHandler(errorLogger))
}
