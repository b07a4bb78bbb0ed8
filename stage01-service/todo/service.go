package todo

import (
	"context"
	"errors"
	"time"
)

// service is the Service with the business rules, on top of a Store.
type service struct {
	store Store
	now   func() time.Time
}

// NewService returns the Service that keeps its todos in store. now tells the
// time stamped on CreatedAt and UpdatedAt; nil means time.Now.
func NewService(store Store, now func() time.Time) Service {
	if now == nil {
		now = time.Now
	}
	return &service{store: store, now: now}
}

// Create checks the title and saves a new, not completed todo.
func (s *service) Create(ctx context.Context, title string, order int64) (Todo, error) {
	// TODO(stage01, step 4): the rules of a new todo.
	// Clean the title with cleanTitle (return its error as it is), then
	// s.store.Insert a Todo with that title, Completed false, the order as
	// given, and CreatedAt = UpdatedAt = s.now().UTC().
	return Todo{}, errors.New("service.Create is not written yet: do stage 01, step 4")
}

// Get returns one todo.
func (s *service) Get(ctx context.Context, id int64) (Todo, error) {
	return s.store.Select(ctx, id)
}

// List returns every todo, sorted by Order then ID.
func (s *service) List(ctx context.Context) ([]Todo, error) {
	return s.store.SelectAll(ctx)
}

// Update checks the patch and applies it, moving UpdatedAt on.
func (s *service) Update(ctx context.Context, id int64, p Patch) (Todo, error) {
	// TODO(stage01, step 4): the rules of an update.
	// An empty patch (p.IsEmpty()) is invalid: Errorf(CodeInvalid, "nothing to
	// update: …"). A given title goes through cleanTitle. Then
	// s.store.Update(ctx, id, p, s.now().UTC()).
	return Todo{}, errors.New("service.Update is not written yet: do stage 01, step 4")
}

// Delete removes one todo.
func (s *service) Delete(ctx context.Context, id int64) error {
	return s.store.Delete(ctx, id)
}

// DeleteAll removes every todo.
func (s *service) DeleteAll(ctx context.Context) error {
	return s.store.DeleteAll(ctx)
}

// cleanTitle trims the title and checks it: valid UTF-8, not empty, at most
// MaxTitleLength characters.
func cleanTitle(title string) (string, error) {
	// TODO(stage01, step 4): check and trim a title.
	// Refuse text that is not valid UTF-8 (utf8.ValidString), trim spaces
	// (strings.TrimSpace), refuse an empty title, and refuse one longer than
	// MaxTitleLength characters (utf8.RuneCountInString: characters, not bytes).
	// Every refusal is Errorf(CodeInvalid, "…") with a message that says what
	// to fix; the tests look for "UTF-8", "empty" and "limit".
	return "", errors.New("cleanTitle is not written yet: do stage 01, step 4")
}
