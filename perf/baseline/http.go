// Package baseline is the todo service served the way a reader would write
// it without Go kit: a net/http handler (and a gRPC server) written by hand
// over the same todo.Service, that is the stage 01 rules on the same SQLite
// Store. It speaks the same Todo-Backend JSON, so the workshop's clients, the
// contract suite and the load tool work against it unchanged, and a
// difference in cost between it and the kit stack is the cost of kit's
// layers: endpoints, transport servers, and the middleware.
package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// MaxBodyBytes is the largest request body the handler reads, as in stage 03.
const MaxBodyBytes = 1 << 20

// todoJSON is a todo on the wire, as the Todo-Backend contract has it.
type todoJSON struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Completed bool      `json:"completed"`
	Order     int64     `json:"order"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// NewHandler returns the HTTP API of svc: the routes of the Todo-Backend
// contract behind CORS, every error as a JSON body with a fitting status.
// publicURL is the base of each todo's url; empty means the request's host.
// logger gets internal errors; nil means slog.Default().
func NewHandler(svc todo.Service, publicURL string, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	h := &handler{svc: svc, publicURL: strings.TrimSuffix(publicURL, "/"), log: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /todos", h.list)
	mux.HandleFunc("POST /todos", h.create)
	mux.HandleFunc("DELETE /todos", h.deleteAll)
	mux.HandleFunc("GET /todos/{id}", h.get)
	mux.HandleFunc("PATCH /todos/{id}", h.update)
	mux.HandleFunc("DELETE /todos/{id}", h.delete)
	mux.HandleFunc("/todos", notAllowed("GET, POST, DELETE, OPTIONS"))
	mux.HandleFunc("/todos/{id}", notAllowed("GET, PATCH, DELETE, OPTIONS"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such path")
	})
	return cors(mux)
}

// handler holds what every route needs.
type handler struct {
	svc       todo.Service
	publicURL string
	log       *slog.Logger
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	todos, err := h.svc.List(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := h.base(r)
	out := make([]todoJSON, 0, len(todos))
	for _, t := range todos {
		out = append(out, wire(t, base))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Title string `json:"title"`
		Order int64  `json:"order"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	t, err := h.svc.Create(r.Context(), body.Title, body.Order)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, wire(t, h.base(r)))
}

func (h *handler) deleteAll(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteAll(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	t, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wire(t, h.base(r)))
}

func (h *handler) update(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var body struct {
		Title     *string `json:"title"`
		Completed *bool   `json:"completed"`
		Order     *int64  `json:"order"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	t, err := h.svc.Update(r.Context(), id, todo.Patch{Title: body.Title, Completed: body.Completed, Order: body.Order})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wire(t, h.base(r)))
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// base returns the public URL of the service for this request.
func (h *handler) base(r *http.Request) string {
	if h.publicURL != "" {
		return h.publicURL
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// fail answers an error of the service: its message and 400 or 404 for a
// domain error, "internal error" and 500 for anything else, which is logged.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch todo.ErrorCode(err) {
	case todo.CodeInvalid:
		writeError(w, http.StatusBadRequest, todo.ErrorMessage(err))
	case todo.CodeNotFound:
		writeError(w, http.StatusNotFound, todo.ErrorMessage(err))
	default:
		h.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// wire returns the wire form of t; base is the service's public URL.
func wire(t todo.Todo, base string) todoJSON {
	return todoJSON{
		ID: t.ID, Title: t.Title, Completed: t.Completed, Order: t.Order,
		URL:       base + "/todos/" + strconv.FormatInt(t.ID, 10),
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
	}
}

// pathID reads the {id} of the route, or answers 404: an id that is not a
// number names no todo.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("todo %q not found", raw))
		return 0, false
	}
	return id, true
}

// readJSON reads the body, one JSON object of at most MaxBodyBytes, into v,
// or answers 400 (or 413) and returns false.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return true
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", tooBig.Limit))
	default:
		writeError(w, http.StatusBadRequest, "malformed JSON: "+err.Error())
	}
	return false
}

// notAllowed answers 405 with the methods the path allows.
func notAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "method not allowed; use "+allow)
	}
}

// cors lets a page from any origin use the API, and answers preflights.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Accept")
			w.Header().Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers status with the body {"error": message}.
func writeError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{message})
}
