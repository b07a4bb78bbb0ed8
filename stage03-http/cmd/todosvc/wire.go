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
	// TODO(stage03, step 5): the component graph, in the open. Build each
	// layer from the one below it, starting at the store: the service of
	// stage 01 (it takes a clock), the endpoint set of stage 02, and the
	// HTTP handler of your package todohttp (this module's, not the one
	// under solutions/). Return the handler.
	// An error that kit's servers meet (a body that does not decode, a
	// store that fails) is answered with no details (step 2); the details
	// must still reach logger, on lines that say which transport wrote
	// them. Decide how (README, step 5).
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "todosvc is not wired yet: do stage 03, step 5", http.StatusNotImplemented)
	})
}
