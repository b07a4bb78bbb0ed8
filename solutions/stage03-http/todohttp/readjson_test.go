package todohttp

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// The provided readJSON: what it refuses, and the one looseness it keeps on
// purpose (README, step 1, "What the decoders refuse").

// readBody runs readJSON over body into a patch's wire type.
func readBody(body string) (patchJSON, error) {
	var p patchJSON
	err := readJSON(httptest.NewRequest("PATCH", "/todos/1", strings.NewReader(body)), &p)
	return p, err
}

func TestReadJSONRefusesBytesThatAreNotUTF8(t *testing.T) {
	if p, err := readBody(`{"title": "crème brûlée"}`); err != nil || p.Title == nil || *p.Title != "crème brûlée" {
		t.Fatalf("readJSON of a UTF-8 title = %v; want the title as sent", err)
	}
	// encoding/json alone would decode this as the title "milk \uFFFD\uFFFD"
	// and report nothing.
	_, err := readBody("{\"title\": \"milk \xff\xfe\"}")
	if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("readJSON of a title with the bytes ff fe = %v; want a domain error of code invalid (400) that says UTF-8", err)
	}
}

func TestReadJSONRefusesFieldsItDoesNotKnow(t *testing.T) {
	_, err := readBody(`{"completed": true, "titel": "typo"}`)
	if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), `"titel"`) {
		t.Fatalf(`readJSON of {"completed": true, "titel": "typo"} = %v; want a domain error of code invalid (400) that names "titel"`, err)
	}
}

func TestReadJSONKeepsTheLastOfADuplicateKey(t *testing.T) {
	// Kept on purpose: encoding/json has no option to refuse it (README).
	p, err := readBody(`{"title": "first", "title": "second"}`)
	if err != nil || p.Title == nil || *p.Title != "second" {
		t.Fatalf(`readJSON of {"title": "first", "title": "second"} = %v; want the title "second", the last one`, err)
	}
}
