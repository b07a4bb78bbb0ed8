package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// troubled is a todo.Service in trouble, for trying the onion by hand: every
// call of the method named fail returns an internal error (as a closed
// database would), every call of the method named panics panics (as a bug
// would), and every call of the method named slow waits a second before it
// goes on, or fails as soon as its caller gives up (as a locked database
// would). run puts it directly around the service, under the whole onion,
// when -fail, -panic or -slow is given; it is not middleware to ship.
type troubled struct {
	next               todo.Service
	fail, panics, slow string // method names; "" for none
}

// checkTrouble returns an error when a -fail or -panic value is not a
// method of todo.Service.
func checkTrouble(flag, method string) error {
	if method == "" {
		return nil
	}
	var names []string
	for _, m := range todoendpoint.Methods() {
		names = append(names, m.Name)
	}
	if !slices.Contains(names, method) {
		return fmt.Errorf("-%s %s: not a method of the service; one of %v", flag, method, names)
	}
	return nil
}

// trouble panics or returns an error if method is in trouble, else nil; a
// slow method waits first.
func (s troubled) trouble(ctx context.Context, method string) error {
	if method == s.slow {
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
			return fmt.Errorf("-slow %s: %w", method, ctx.Err())
		}
	}
	if method == s.panics {
		panic(fmt.Sprintf("-panic %s: a bug in %s", method, method))
	}
	if method == s.fail {
		return fmt.Errorf("-fail %s: %s cannot reach its database", method, method)
	}
	return nil
}

func (s troubled) Create(ctx context.Context, title string, order int64) (todo.Todo, error) {
	if err := s.trouble(ctx, "Create"); err != nil {
		return todo.Todo{}, err
	}
	return s.next.Create(ctx, title, order)
}

func (s troubled) Get(ctx context.Context, id int64) (todo.Todo, error) {
	if err := s.trouble(ctx, "Get"); err != nil {
		return todo.Todo{}, err
	}
	return s.next.Get(ctx, id)
}

func (s troubled) List(ctx context.Context) ([]todo.Todo, error) {
	if err := s.trouble(ctx, "List"); err != nil {
		return nil, err
	}
	return s.next.List(ctx)
}

func (s troubled) Update(ctx context.Context, id int64, p todo.Patch) (todo.Todo, error) {
	if err := s.trouble(ctx, "Update"); err != nil {
		return todo.Todo{}, err
	}
	return s.next.Update(ctx, id, p)
}

func (s troubled) Delete(ctx context.Context, id int64) error {
	if err := s.trouble(ctx, "Delete"); err != nil {
		return err
	}
	return s.next.Delete(ctx, id)
}

func (s troubled) DeleteAll(ctx context.Context) error {
	if err := s.trouble(ctx, "DeleteAll"); err != nil {
		return err
	}
	return s.next.DeleteAll(ctx)
}
