package todohttp

import (
	"context"
	"net"
	"net/http"
	"strings"

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
// every kit server, so that a caller can add its own (an error handler that
// logs, say); where one of them and the package set the same thing, the
// caller's wins.
func NewHandler(e todoendpoint.Endpoints, publicURL string, options ...httptransport.ServerOption) http.Handler {
	mux := http.NewServeMux()

	opts := append([]httptransport.ServerOption{
		httptransport.ServerBefore(withBaseURL(publicURL)),
		httptransport.ServerErrorEncoder(encodeError),
	}, options...)
	server := func(ep endpoint.Endpoint, dec httptransport.DecodeRequestFunc, enc httptransport.EncodeResponseFunc) http.Handler {
		return httptransport.NewServer(ep, dec, encodeResponse(enc), opts...)
	}
	mux.Handle("GET /todos", server(e.ListEndpoint, decodeListRequest, encodeListResponse))
	mux.Handle("POST /todos", server(e.CreateEndpoint, decodeCreateRequest, encodeCreateResponse))
	mux.Handle("DELETE /todos", server(e.DeleteAllEndpoint, decodeDeleteAllRequest, encodeNoContent))
	mux.Handle("GET /todos/{id}", server(e.GetEndpoint, decodeGetRequest, encodeGetResponse))
	mux.Handle("PATCH /todos/{id}", server(e.UpdateEndpoint, decodeUpdateRequest, encodeUpdateResponse))
	mux.Handle("DELETE /todos/{id}", server(e.DeleteEndpoint, decodeDeleteRequest, encodeNoContent))

	mux.Handle("/", unrouted(mux))
	return cors(limitBody(mux))
}

// unrouted answers the requests that no route of mux matches, with a JSON
// error instead of the ServeMux's own text answers: 405, with an Allow
// header, when the path has routes for other methods; 404 otherwise. It
// asks mux itself which methods the path has routes for, so its answer
// always agrees with the routes mounted.
func unrouted(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := &http.Request{Method: method, URL: r.URL, Host: r.Host}
			if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
				allow = append(allow, method)
			}
		}
		if len(allow) == 0 {
			encodeError(r.Context(), &statusError{status: http.StatusNotFound, message: "no such path"}, w)
			return
		}
		allowed := strings.Join(append(allow, http.MethodOptions), ", ")
		encodeError(r.Context(), &statusError{
			status:  http.StatusMethodNotAllowed,
			message: "method not allowed; use " + allowed,
			header:  http.Header{"Allow": {allowed}},
		}, w)
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
//
// Without a publicURL, the base is the address of the server's own socket
// that accepted the connection (net/http's LocalAddrContextKey), never the
// request's Host header: the client writes that header, and an answer, or
// a cache in front of the server, must not hand out links to whatever host
// a client named. A server that clients reach under another address (a
// proxy, a container's port, a DNS name) is given it with -public-url.
func withBaseURL(publicURL string) httptransport.RequestFunc {
	return func(ctx context.Context, r *http.Request) context.Context {
		base := publicURL
		if base == "" {
			base = socketURL(r)
		}
		return context.WithValue(ctx, baseURLKey{}, base)
	}
}

// socketURL returns scheme://host:port of the local address on which the
// server accepted r, or "" (each url is then a path alone) when r came
// through no connection: a handler called directly, in a test.
func socketURL(r *http.Request) string {
	addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return ""
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + addr.String()
}

// baseURL returns the public URL that withBaseURL put in ctx.
func baseURL(ctx context.Context) string {
	base, _ := ctx.Value(baseURLKey{}).(string)
	return base
}
