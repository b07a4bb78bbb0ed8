package main

import (
	"net/http"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// wire builds the service on the store, layer by layer, inside out:
// service → endpoints → HTTP handler. Each layer is an argument of the next:
// no globals, nothing hidden, the whole graph in one place.
func wire(store todo.Store, publicURL string, logger log.Logger) http.Handler {
	// TODO(stage03, step 5): build the layers, inside out.
	//   service   := todo.NewService(store, time.Now)
	//   endpoints := todoendpoint.New(service)
	//   handler   := todohttp.NewHandler(endpoints, publicURL, an option that
	//                logs errors: httptransport.ServerErrorHandler(
	//                transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))))
	// and return the handler.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "todosvc is not wired yet: do stage 03, step 5", http.StatusNotImplemented)
	})
}
