package todohttp

import "net/http"

// cors lets a browser page from any origin use the API, as Todo-Backend
// clients do. Every answer allows any origin; an OPTIONS request (a browser's
// preflight, asking before a PATCH or a JSON POST) is answered 204 with the
// methods and headers allowed, without reaching the routes.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Accept")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
