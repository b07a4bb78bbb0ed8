package todoendpoint_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage02-endpoints/todoendpoint"
)

// The table of methods is provided; these tests keep it honest.

func TestMethodsTableIsComplete(t *testing.T) {
	service := reflect.TypeFor[todo.Service]()
	methods := todoendpoint.Methods()
	if len(methods) != service.NumMethod() {
		t.Fatalf("Methods() lists %d methods; todo.Service has %d", len(methods), service.NumMethod())
	}
	seen := map[string]bool{}
	for _, m := range methods {
		if _, ok := service.MethodByName(m.Name); !ok || seen[m.Name] {
			t.Fatalf("Methods() lists %q: not a method of todo.Service, or listed twice", m.Name)
		}
		seen[m.Name] = true
		if got, ok := todoendpoint.MethodNamed(m.Name); !ok || got.Name != m.Name {
			t.Fatalf("MethodNamed(%q) = %q, %v; want the method itself", m.Name, got.Name, ok)
		}
	}
	if _, ok := todoendpoint.MethodNamed("Archive"); ok {
		t.Fatalf(`MethodNamed("Archive") found a method; todo.Service has none of that name`)
	}
}

func TestMethodsTableReachesEachEndpoint(t *testing.T) {
	for _, m := range todoendpoint.Methods() {
		mine := func(context.Context, any) (any, error) { return m.Name, nil }
		var e todoendpoint.Endpoints
		m.SetEndpoint(&e, mine)
		set := 0
		for _, other := range todoendpoint.Methods() {
			if ep := other.Endpoint(e); ep != nil {
				set++
				if got, _ := ep(context.Background(), nil); got != m.Name || other.Name != m.Name {
					t.Fatalf("after %s's SetEndpoint, %s's Endpoint gives the endpoint of %v", m.Name, other.Name, got)
				}
			}
		}
		if set != 1 {
			t.Fatalf("%s's SetEndpoint set %d endpoints of the set; want its own only", m.Name, set)
		}
	}
}

func TestMethodsTableFailedResponses(t *testing.T) {
	// The client side must answer the types the server side does.
	want := map[string]any{
		"Create": todoendpoint.CreateResponse{}, "Get": todoendpoint.GetResponse{},
		"List": todoendpoint.ListResponse{}, "Update": todoendpoint.UpdateResponse{},
		"Delete": todoendpoint.DeleteResponse{}, "DeleteAll": todoendpoint.DeleteAllResponse{},
	}
	for _, m := range todoendpoint.Methods() {
		failed := m.FailedResponse(todo.ErrNotFound)
		if reflect.TypeOf(failed) != reflect.TypeOf(want[m.Name]) {
			t.Fatalf("%s's FailedResponse is a %T; want a %T", m.Name, failed, want[m.Name])
		}
		if !errors.Is(failed.Failed(), todo.ErrNotFound) {
			t.Fatalf("%s's FailedResponse(todo.ErrNotFound).Failed() = %v; want todo.ErrNotFound", m.Name, failed.Failed())
		}
	}
}
