package todohttp

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"
	httptransport "github.com/go-kit/kit/transport/http"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// NewHandler returns the HTTP API of the todo service: one kit server per
// route, each binding one endpoint to its decoder and encoder, behind CORS
// and a request-size limit.
//
// publicURL is the service's address as its clients see it, used for each
// todo's url; empty means the scheme and host of each request. options go to
// every kit server after the package's own, so a caller can add, say,
// httptransport.ServerErrorHandler to log errors.
func NewHandler(e todoendpoint.Endpoints, publicURL string, options ...httptransport.ServerOption) http.Handler {
	opts := append([]httptransport.ServerOption{
		httptransport.ServerBefore(withBaseURL(publicURL)),
		httptransport.ServerErrorEncoder(encodeError),
	}, options...)
	server := func(e endpoint.Endpoint, dec httptransport.DecodeRequestFunc, enc httptransport.EncodeResponseFunc) http.Handler {
		return httptransport.NewServer(e, dec, encodeResponse(enc), opts...)
	}

	mux := http.NewServeMux()
	mux.Handle("GET /todos", server(e.ListEndpoint, decodeListRequest, encodeListResponse))
	mux.Handle("POST /todos", server(e.CreateEndpoint, decodeCreateRequest, encodeCreateResponse))
	mux.Handle("DELETE /todos", server(e.DeleteAllEndpoint, decodeDeleteAllRequest, encodeNoContent))
	mux.Handle("GET /todos/{id}", server(e.GetEndpoint, decodeGetRequest, encodeGetResponse))
	mux.Handle("PATCH /todos/{id}", server(e.UpdateEndpoint, decodeUpdateRequest, encodeUpdateResponse))
	mux.Handle("DELETE /todos/{id}", server(e.DeleteEndpoint, decodeDeleteRequest, encodeNoContent))

	// What the routes above do not match gets a JSON error, not the
	// ServeMux's own text answers: a known path with another method is 405
	// (with Allow), anything else 404.
	mux.Handle("/todos", methodNotAllowed("GET, POST, DELETE, OPTIONS"))
	mux.Handle("/todos/{id}", methodNotAllowed("GET, PATCH, DELETE, OPTIONS"))
	mux.Handle("/", errorHandler(&statusError{status: http.StatusNotFound, message: "no such path"}))

	return cors(limitBody(mux))
}

// methodNotAllowed answers 405, naming the methods the path allows.
func methodNotAllowed(allow string) http.Handler {
	return errorHandler(&statusError{
		status:  http.StatusMethodNotAllowed,
		message: "method not allowed; use " + allow,
		header:  http.Header{"Allow": {allow}},
	})
}

// errorHandler answers every request with err, through encodeError.
func errorHandler(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		encodeError(r.Context(), err, w)
	})
}

// limitBody stops reading a request body after MaxBodyBytes; the decoder
// then answers 413.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// baseURLKey is the context key of the service's public URL.
type baseURLKey struct{}

// withBaseURL is a kit ServerBefore function: it puts the service's public
// URL in the request context, where the encoders find it to build each
// todo's url.
func withBaseURL(publicURL string) httptransport.RequestFunc {
	return func(ctx context.Context, r *http.Request) context.Context {
		base := publicURL
		if base == "" {
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			base = scheme + "://" + r.Host
		}
		return context.WithValue(ctx, baseURLKey{}, base)
	}
}

// baseURL returns the public URL that withBaseURL put in ctx.
func baseURL(ctx context.Context) string {
	base, _ := ctx.Value(baseURLKey{}).(string)
	return base
}
