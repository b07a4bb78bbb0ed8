// Package load drives a running todo server with concurrent clients for a
// fixed time and measures what it answers: throughput and latency
// percentiles, overall and per operation. cmd/load is its command line.
//
// Each client runs a closed loop: it sends a request, waits for the answer,
// then sends the next, choosing each operation at random by the weights of
// a Mix. The server's work is what is measured; the clients speak plain HTTP
// (net/http, encoding/json) or plain gRPC (the generated client), the same
// for every server, so that two servers compare on equal terms.
//
// It only ever connects to a loopback address, and every run stops by
// itself when its duration is over.
package load

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Op is one kind of request.
type Op string

// The operations a Mix weighs.
const (
	OpGet    Op = "get"    // GET /todos/{id} of a seeded todo
	OpList   Op = "list"   // GET /todos: the seeded todos and a few more
	OpCreate Op = "create" // POST /todos
	OpUpdate Op = "update" // PATCH /todos/{id} of a seeded todo: completed
	OpDelete Op = "delete" // DELETE /todos/{id} of a todo this client created
)

// Ops lists the operations in the order reports show them.
var Ops = []Op{OpGet, OpList, OpCreate, OpUpdate, OpDelete}

// Mix is the weight of each operation: a client picks OpGet with the
// probability Mix[OpGet] / the sum of the weights.
type Mix map[Op]int

// DefaultMix is mostly reads, with a write in four requests. Creates and
// deletes balance, so the table stays near its seeded size.
const DefaultMix = "get=60,list=5,create=10,update=15,delete=10"

// ParseMix reads a mix written as "get=60,list=5,create=10,…".
func ParseMix(s string) (Mix, error) {
	m := Mix{}
	for part := range strings.SplitSeq(s, ",") {
		name, weight, ok := strings.Cut(strings.TrimSpace(part), "=")
		w, err := strconv.Atoi(weight)
		if !ok || err != nil || w < 0 {
			return nil, fmt.Errorf("mix %q: want op=weight pairs, as in %q", s, DefaultMix)
		}
		if !slices.Contains(Ops, Op(name)) {
			return nil, fmt.Errorf("mix %q: unknown operation %q; want one of %v", s, name, Ops)
		}
		m[Op(name)] = w
	}
	if m.total() == 0 {
		return nil, fmt.Errorf("mix %q: every weight is 0", s)
	}
	return m, nil
}

// String writes the mix as ParseMix reads it.
func (m Mix) String() string {
	var parts []string
	for _, op := range Ops {
		if w, ok := m[op]; ok {
			parts = append(parts, fmt.Sprintf("%s=%d", op, w))
		}
	}
	return strings.Join(parts, ",")
}

func (m Mix) total() int {
	n := 0
	for _, w := range m {
		n += w
	}
	return n
}

// pick returns the operation that r, in [0, total), falls on.
func (m Mix) pick(r int) Op {
	for _, op := range Ops {
		if r < m[op] {
			return op
		}
		r -= m[op]
	}
	return OpGet
}

// Config is one load run.
type Config struct {
	Target   string        // "http" or "grpc"
	Addr     string        // host:port of the server; the host must be loopback
	Clients  int           // concurrent clients
	Duration time.Duration // how long to measure
	Warmup   time.Duration // how long to run before measuring
	Mix      Mix
	Seed     int // todos created before the run, for gets, updates and lists
}

// Result is what a run measured.
type Result struct {
	Config   Config
	Elapsed  time.Duration // the measured time
	All      Stats         // every request answered in the measured time
	ByOp     map[Op]Stats  // the same, per operation
	Errors   int           // failed requests, measured time or not
	Sent     int           // requests answered in the whole run: seeding, warm-up, measured time and the final list
	Examples []string      // the first few errors
	Todos    int           // todos on the server at the end
}

// Throughput returns the requests answered per second.
func (r Result) Throughput() float64 {
	return float64(r.All.Count) / r.Elapsed.Seconds()
}

// Stats sums up the latencies of a set of requests.
type Stats struct {
	Count              int
	P50, P90, P99, Max time.Duration
}

// summarize returns the Stats of latencies, which it sorts.
func summarize(latencies []time.Duration) Stats {
	if len(latencies) == 0 {
		return Stats{}
	}
	slices.Sort(latencies)
	at := func(q float64) time.Duration {
		return latencies[int(q*float64(len(latencies)-1)+0.5)]
	}
	return Stats{Count: len(latencies), P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: latencies[len(latencies)-1]}
}

// client is one way of talking to the server.
type client interface {
	create(ctx context.Context, title string, order int64) (id int64, err error)
	get(ctx context.Context, id int64) error
	list(ctx context.Context) (n int, err error)
	update(ctx context.Context, id int64, completed bool) error
	delete(ctx context.Context, id int64) error
	close()
}

// maxOwned is how many of its own todos a client keeps before a create
// turns into a delete: the table stays within Seed + Clients × maxOwned.
const maxOwned = 2

// Check tells what is wrong with c, or nil.
func (c Config) Check() error {
	switch {
	case c.Target != "http" && c.Target != "grpc":
		return fmt.Errorf("target %q: want http or grpc", c.Target)
	case c.Clients < 1 || c.Duration <= 0 || c.Warmup < 0 || c.Seed < 1:
		return errors.New("clients, duration and seed must be positive, warm-up not negative")
	case c.Mix.total() == 0:
		return errors.New("the mix is empty")
	}
	return checkLoopback(c.Addr)
}

// checkLoopback refuses any address but a loopback one: a load test never
// leaves the machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("address %q: only loopback addresses (127.0.0.1, ::1, localhost) are load-tested", addr)
	}
	return nil
}

// Run seeds the server, runs the clients for the warm-up and then the
// measured duration, and returns what it measured. It returns an error only
// when the run could not be made (a bad config, an unreachable server, a
// failed seeding); failed requests during the run are counted in Result.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if err := cfg.Check(); err != nil {
		return Result{}, err
	}
	var c client
	var err error
	if cfg.Target == "http" {
		c = newHTTPClient(cfg.Addr, cfg.Clients)
	} else {
		c, err = newGRPCClient(cfg.Addr)
	}
	if err != nil {
		return Result{}, err
	}
	defer c.close()

	seeded := make([]int64, cfg.Seed)
	for i := range seeded {
		callCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		seeded[i], err = c.create(callCtx, fmt.Sprintf("seeded todo %d", i), int64(i))
		cancel()
		if err != nil {
			return Result{}, fmt.Errorf("seeding %s: %w", cfg.Addr, err)
		}
	}

	begin := time.Now()
	measureFrom := begin.Add(cfg.Warmup)
	end := measureFrom.Add(cfg.Duration)
	workers := make([]*worker, cfg.Clients)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{c: c, mix: cfg.Mix, seeded: seeded, from: measureFrom, until: end,
			rng: rand.New(rand.NewPCG(uint64(i), uint64(begin.UnixNano()))), byOp: map[Op][]time.Duration{}}
		workers[i] = w
		wg.Go(func() { w.run(ctx) })
	}
	wg.Wait()

	res := Result{Config: cfg, Elapsed: cfg.Duration, ByOp: map[Op]Stats{}, Sent: cfg.Seed + 1}
	var all []time.Duration
	byOp := map[Op][]time.Duration{}
	for _, w := range workers {
		for op, l := range w.byOp {
			byOp[op] = append(byOp[op], l...)
			all = append(all, l...)
		}
		res.Errors += w.errors
		res.Sent += w.sent
		for _, e := range w.examples {
			if len(res.Examples) < 5 {
				res.Examples = append(res.Examples, e)
			}
		}
	}
	res.All = summarize(all)
	for op, l := range byOp {
		res.ByOp[op] = summarize(l)
	}
	callCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if res.Todos, err = c.list(callCtx); err != nil {
		res.Errors++
		res.Examples = append(res.Examples, "final list: "+err.Error())
	}
	return res, ctx.Err()
}

// worker is one client's loop and what it measured.
type worker struct {
	c           client
	mix         Mix
	seeded      []int64
	from, until time.Time
	rng         *rand.Rand
	owned       []int64 // todos this client created and has not deleted
	byOp        map[Op][]time.Duration
	errors      int
	sent        int // requests answered, measured or not
	examples    []string
}

// run sends requests until the end of the run: those answered in the
// measured time count. A request started before the end is let finish.
func (w *worker) run(ctx context.Context) {
	total := w.mix.total()
	for i := 0; ctx.Err() == nil; i++ {
		start := time.Now()
		if !start.Before(w.until) {
			return
		}
		op := w.mix.pick(w.rng.IntN(total))
		if op == OpCreate && len(w.owned) >= maxOwned {
			op = OpDelete
		} else if op == OpDelete && len(w.owned) == 0 {
			op = OpCreate
		}
		err := w.do(ctx, op, i)
		done := time.Now()
		if err != nil {
			w.errors++
			if len(w.examples) < 5 {
				w.examples = append(w.examples, fmt.Sprintf("%s: %v", op, err))
			}
			continue
		}
		w.sent++
		if !start.Before(w.from) && done.Before(w.until) {
			w.byOp[op] = append(w.byOp[op], done.Sub(start))
		}
	}
}

// callTimeout bounds every request, so a stuck server cannot hang the run.
const callTimeout = 10 * time.Second

// do sends one request of op.
func (w *worker) do(ctx context.Context, op Op, i int) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	seed := w.seeded[w.rng.IntN(len(w.seeded))]
	switch op {
	case OpGet:
		return w.c.get(ctx, seed)
	case OpList:
		n, err := w.c.list(ctx)
		if err == nil && n < len(w.seeded) {
			err = fmt.Errorf("listed %d todos; want at least the %d seeded", n, len(w.seeded))
		}
		return err
	case OpCreate:
		id, err := w.c.create(ctx, "load test todo", int64(i))
		if err == nil {
			w.owned = append(w.owned, id)
		}
		return err
	case OpUpdate:
		return w.c.update(ctx, seed, i%2 == 0)
	case OpDelete:
		id := w.owned[0]
		w.owned = w.owned[1:]
		return w.c.delete(ctx, id)
	}
	return fmt.Errorf("unknown operation %q", op)
}
