package todogrpc

import (
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// toProto returns the protobuf message of a todo. Times cross the wire as
// google.protobuf.Timestamp.
func toProto(t todo.Todo) *todov1.Todo {
	return &todov1.Todo{
		Id:        t.ID,
		Title:     t.Title,
		Completed: t.Completed,
		Order:     t.Order,
		CreatedAt: timestamppb.New(t.CreatedAt),
		UpdatedAt: timestamppb.New(t.UpdatedAt),
	}
}

// fromProto returns the todo a protobuf message carries. A nil message is
// the zero todo; a missing time is the zero time.
func fromProto(m *todov1.Todo) todo.Todo {
	return todo.Todo{
		ID:        m.GetId(),
		Title:     m.GetTitle(),
		Completed: m.GetCompleted(),
		Order:     m.GetOrder(),
		CreatedAt: fromTimestamp(m.GetCreatedAt()),
		UpdatedAt: fromTimestamp(m.GetUpdatedAt()),
	}
}

// fromTimestamp returns the time of ts, in UTC, or the zero time for nil.
func fromTimestamp(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime()
}

// wrongType is the error of a decoder or encoder given a value of another
// type than want: a wiring mistake in this package, not the caller's.
func wrongType(what string, got, want any) error {
	return fmt.Errorf("todogrpc: %s got a %T, want a %T", what, got, want)
}
