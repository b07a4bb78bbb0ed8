// Package todohttp carries the todo endpoints over HTTP, following the
// Todo-Backend contract: the server side (decoders, encoders, routes, the
// error encoder, CORS) and a client whose endpoints form a todo.Service.
package todohttp
