// Command demo is the finale of the workshop: client-side discovery
// surviving a crash, live.
//
//	go run ./cmd/demo
//
// It starts an embedded etcd and three todo instances, each a process of
// its own over one shared SQLite file, and a discovering client
// (todosd.Connect) that sends reads and updates without a pause. Every
// second it prints how many calls each instance answered, how many calls
// were retried, and how many failed. A third of the way in it kills one
// instance (SIGKILL: no deregistration; its key stays in etcd until its
// lease expires), and two thirds of the way in it starts a fourth, which
// the client picks up without a restart. Failures stay at zero: the dead
// instance's calls are retried on the others, and its breaker soon stops
// them being tried at all.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	"github.com/go-kit/log"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/internal/embedetcd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
)

func main() {
	if spec := os.Getenv(instanceEnv); spec != "" {
		if err := runInstance(spec, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "demo instance:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// instanceTTL is the lease of the demo instances' keys: short, so that the
// killed one's key visibly expires during the demo.
const instanceTTL = 2 * time.Second

// run runs the demo until its timeline ends or ctx is done. It returns an
// error if any client call failed.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	duration := fs.Duration("duration", 15*time.Second, "how long the load runs; the kill comes at 1/3, the new instance at 2/3")
	workers := fs.Int("workers", 4, "client goroutines calling without a pause")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tick := max(*duration/15, 100*time.Millisecond)

	dir, err := os.MkdirTemp("", "todo-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// The registry.
	etcd, err := embedetcd.Start(embedetcd.Config{Dir: filepath.Join(dir, "etcd"), ClientAddr: "127.0.0.1:0", Fast: true})
	if err != nil {
		return err
	}
	defer etcd.Close()
	fmt.Fprintf(stdout, "etcd (embedded) on %s; instances register under %s with a %v lease\n", etcd.Addr(), todosd.DefaultPrefix, instanceTTL)

	// The instances, over one database file.
	db := filepath.Join(dir, "todo.db")
	procs := &processes{spec: strings.Join([]string{etcd.Addr(), todosd.DefaultPrefix, db, instanceTTL.String()}, "|"), stderr: stderr}
	defer procs.stopAll()
	for range 3 {
		if _, err := procs.start(); err != nil {
			return err
		}
	}

	// The client, counting per instance what its endpoints do.
	stats := newStats()
	cfg := todosd.FactoryConfig{BreakerFailures: 3, BreakerTimeout: 2 * time.Second}
	client, err := todosd.Connect(ctx, []string{etcd.Addr()}, stats.count(todosd.HTTPFactory(cfg, log.NewNopLogger())), todosd.ClientConfig{}, log.NewNopLogger())
	if err != nil {
		return err
	}
	defer client.Close()
	watcher, err := clientv3.New(clientv3.Config{Endpoints: []string{etcd.Addr()}, DialTimeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer watcher.Close()

	var seeds []int64
	for i := range 10 {
		t, err := client.Create(ctx, fmt.Sprintf("todo %d", i+1), int64(i))
		stats.call(err)
		if err != nil {
			return fmt.Errorf("seed the list: %w", err)
		}
		seeds = append(seeds, t.ID)
	}
	fmt.Fprintf(stdout, "client: %d workers calling Get, List and Update (all retried on failure) for %v\n\n", *workers, *duration)

	// The load.
	loadCtx, stopLoad := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for w := range *workers {
		wg.Go(func() {
			for i := w; loadCtx.Err() == nil; i++ {
				id := seeds[i%len(seeds)]
				var err error
				switch i % 3 {
				case 0:
					_, err = client.Get(loadCtx, id)
				case 1:
					_, err = client.List(loadCtx)
				case 2:
					_, err = client.Update(loadCtx, id, todo.Patch{Completed: new(i%2 == 0)})
				}
				if loadCtx.Err() != nil {
					return // the demo is over: not a failure
				}
				stats.call(err)
			}
		})
	}

	// The timeline, one line per tick.
	killAt, addAt := *duration/3, 2**duration/3
	killed, added := false, false
	begin := time.Now()
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	for elapsed := time.Duration(0); elapsed < *duration; elapsed = time.Since(begin) {
		select {
		case <-ctx.Done():
			stopLoad()
			wg.Wait()
			return ctx.Err()
		case <-ticker.C:
		}
		if !killed && time.Since(begin) >= killAt {
			killed = true
			victim := procs.list()[1]
			fmt.Fprintf(stdout, ">>> kill -9 instance #%d (pid %d, %s): no deregistration, its key stays until the lease expires\n",
				victim.n, victim.cmd.Process.Pid, victim.url)
			victim.cmd.Process.Kill()
		}
		if !added && time.Since(begin) >= addAt {
			added = true
			p, err := procs.start()
			if err != nil {
				fmt.Fprintln(stdout, ">>> could not start a new instance:", err)
			} else {
				fmt.Fprintf(stdout, ">>> started instance #%d (%s); the client was not restarted\n", p.n, p.url)
			}
		}
		stats.print(stdout, time.Since(begin), procs.list(), registered(ctx, watcher))
	}
	stopLoad()
	wg.Wait()

	calls, retries, failures := stats.totals()
	fmt.Fprintf(stdout, "\n%d calls, %d retried attempts, %d failed calls\n", calls, retries, failures)
	if failures > 0 {
		return fmt.Errorf("%d of %d calls failed (the first: %v)", failures, calls, stats.firstFailure())
	}
	return nil
}

// registered returns the URLs registered in etcd, for the display.
func registered(ctx context.Context, etcd *clientv3.Client) map[string]bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	urls := map[string]bool{}
	resp, err := etcd.Get(ctx, todosd.DefaultPrefix, clientv3.WithPrefix())
	if err == nil {
		for _, kv := range resp.Kvs {
			urls[string(kv.Value)] = true
		}
	}
	return urls
}

// process is one instance the demo started.
type process struct {
	n   int
	url string
	cmd *exec.Cmd
}

// processes are the instances, in the order they started.
type processes struct {
	spec   string
	stderr io.Writer
	mu     sync.Mutex
	procs  []*process
}

// start runs the demo binary again as an instance and waits until it says
// it is registered.
func (ps *processes) start() (*process, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), instanceEnv+"="+ps.spec)
	cmd.Stderr = ps.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(out)
		for scanner.Scan() {
			if url, ok := strings.CutPrefix(scanner.Text(), "ready "); ok {
				ready <- url
			}
		}
	}()
	select {
	case url := <-ready:
		ps.mu.Lock()
		defer ps.mu.Unlock()
		p := &process{n: len(ps.procs) + 1, url: url, cmd: cmd}
		ps.procs = append(ps.procs, p)
		return p, nil
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		return nil, errors.New("an instance did not register within 30s")
	}
}

// list returns the instances started so far.
func (ps *processes) list() []*process {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return slices.Clone(ps.procs)
}

// stopAll stops every instance: SIGTERM (deregister, drain), or a kill
// where there are no signals, and waits for them.
func (ps *processes) stopAll() {
	for _, p := range ps.list() {
		if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			p.cmd.Process.Kill()
		}
	}
	for _, p := range ps.list() {
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			p.cmd.Process.Kill()
			<-done
		}
	}
}

// stats counts, per instance, the attempts its endpoints made, and the
// client's calls and failures.
type stats struct {
	mu       sync.Mutex
	attempts map[string]*atomic.Int64 // per instance URL: attempts that got an answer
	failed   map[string]*atomic.Int64 // per instance URL: attempts that failed
	last     map[string]int64         // attempts at the last print
	calls    atomic.Int64
	failures atomic.Int64
	first    atomic.Value
}

func newStats() *stats {
	return &stats{attempts: map[string]*atomic.Int64{}, failed: map[string]*atomic.Int64{}, last: map[string]int64{}}
}

// count wraps the factories so that every endpoint they make counts its
// attempts for its instance.
func (s *stats) count(factories todosd.FactoryFor) todosd.FactoryFor {
	return func(method string) sd.Factory {
		factory := factories(method)
		return func(instance string) (endpoint.Endpoint, io.Closer, error) {
			e, closer, err := factory(instance)
			if err != nil {
				return nil, nil, err
			}
			s.mu.Lock()
			if s.attempts[instance] == nil {
				s.attempts[instance], s.failed[instance] = &atomic.Int64{}, &atomic.Int64{}
			}
			ok, failed := s.attempts[instance], s.failed[instance]
			s.mu.Unlock()
			return func(ctx context.Context, request any) (any, error) {
				response, err := e(ctx, request)
				if err != nil {
					failed.Add(1)
				} else {
					ok.Add(1)
				}
				return response, err
			}, closer, nil
		}
	}
}

// call counts one call of the client and its outcome.
func (s *stats) call(err error) {
	s.calls.Add(1)
	if err != nil {
		s.failures.Add(1)
		s.first.CompareAndSwap(nil, err.Error())
	}
}

// totals returns the calls, the retried attempts (attempts beyond one per
// call: a call sent to the dead instance, or refused by its open breaker,
// and tried again on another) and the failed calls.
func (s *stats) totals() (calls, retries, failures int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var attempts int64
	for url := range s.attempts {
		attempts += s.attempts[url].Load() + s.failed[url].Load()
	}
	calls = s.calls.Load()
	return calls, max(0, attempts-calls), s.failures.Load()
}

func (s *stats) firstFailure() any { return s.first.Load() }

// print writes one line: per instance, the calls it answered since the last
// line and whether etcd lists it; then the totals.
func (s *stats) print(w io.Writer, elapsed time.Duration, procs []*process, inEtcd map[string]bool) {
	s.mu.Lock()
	var b strings.Builder
	fmt.Fprintf(&b, "%5.1fs ", elapsed.Seconds())
	for _, p := range procs {
		var now int64
		if c := s.attempts[p.url]; c != nil {
			now = c.Load()
		}
		mark := " "
		if !inEtcd[p.url] {
			mark = "-" // not (or no longer) registered
		}
		fmt.Fprintf(&b, "| #%d%s %5d ", p.n, mark, now-s.last[p.url])
		s.last[p.url] = now
	}
	s.mu.Unlock()
	calls, retries, failures := s.totals()
	fmt.Fprintf(&b, "| calls %6d  retries %4d  failures %d", calls, retries, failures)
	fmt.Fprintln(w, b.String())
}
