// Package serve runs a todosvc's servers, from the first listen to the last
// request drained. Every stage's cmd/todosvc uses it from stage 03 on, so
// that each main shows only what its stage adds: its flags, its component
// graph and the servers it puts on the group. Main is the main function
// they share: their run under a context that SIGINT or SIGTERM ends.
//
// A Group listens on every address before it serves any (a port that is
// taken stops the command at once, with nothing half started), then serves
// until its context is done or a server fails, and shuts down in phases:
//
//  1. not ready: the OnStop funcs run, newest first (stage 06 deregisters
//     from etcd here, so clients stop choosing this instance);
//  2. grace: it waits, still serving, for clients to notice (-shutdown-grace);
//     every HTTP answer now asks its client to close the connection, so
//     that keep-alive clients leave their connections before the drain;
//  3. stop accepting, and drain: every server stops taking new requests
//     and lets those in flight finish, all at once, for at most the drain
//     timeout (-drain-timeout); what is left after it is cut off.
package serve
