package todogrpc

import (
	"testing"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
)

// reply is provided: it keeps a wiring mistake from panicking.
func TestReplyOfTheWrongTypeIsAnErrorNotAPanic(t *testing.T) {
	got, err := reply[*todov1.GetResponse](&todov1.ListResponse{})
	if err == nil || got != nil {
		t.Fatalf("reply[*todov1.GetResponse](a *todov1.ListResponse) = %v, %v; want nil and an error", got, err)
	}
	want := &todov1.GetResponse{}
	if got, err := reply[*todov1.GetResponse](want); err != nil || got != want {
		t.Fatalf("reply[*todov1.GetResponse](a *todov1.GetResponse) = %v, %v; want it as it is", got, err)
	}
}
