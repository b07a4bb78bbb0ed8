package todo

import (
	"context"
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
	// In: a title and an order, as the caller sent them. Out: the todo as the
	// store saved it, with its ID.
	// The rules live here, not in the store: the title passes cleanTitle (its
	// error goes back as it is), a new todo is not completed and keeps the
	// order given, and CreatedAt and UpdatedAt are one same instant, in UTC,
	// told by the service's clock. Decide: why the clock NewService was given,
	// and not the time package?
	return Todo{}, Errorf(CodeInternal, "service.Create is not written yet: do stage 01, step 4")
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
	// In: an id and a patch (a nil field: leave it as it is). Out: the todo as
	// the store saved it.
	// Refuse, with code invalid and a message that tells the user what to fix,
	// a patch that would change nothing and a new title that breaks the title
	// rules; a refused patch changes nothing in the store. Only the store knows
	// which ids exist: its not-found goes back as it is. The new UpdatedAt is
	// the clock's time now, in UTC.
	// Decide: why does a bad title on an unknown id get invalid, not
	// not-found?
	return Todo{}, Errorf(CodeInternal, "service.Update is not written yet: do stage 01, step 4")
}

// Delete removes one todo.
func (s *service) Delete(ctx context.Context, id int64) error {
	return s.store.Delete(ctx, id)
}

// DeleteAll removes every todo.
func (s *service) DeleteAll(ctx context.Context) error {
	return s.store.DeleteAll(ctx)
}

// cleanTitle trims the title and checks it: valid UTF-8, one line of text
// (no control characters), at least one visible character, at most
// MaxTitleLength runes.
func cleanTitle(title string) (string, error) {
	// TODO(stage01, step 4): the rules of a title, in one place for Create and
	// Update.
	// In: the title as the caller sent it. Out: the title to store (trimmed),
	// or a domain error of code invalid whose message tells the user what to
	// fix:
	//   - it must be valid UTF-8 text;
	//   - it is one line of text: once the spaces around it are trimmed, no
	//     control character is left in it (a NUL, a tab or a line break
	//     inside); the message says "control" and names the character;
	//   - it must not be empty once trimmed, and "empty" is what a user
	//     sees: a title of only invisible characters (zero-width spaces,
	//     U+200B) is empty too; decide which runes count as visible;
	//   - it may have at most MaxTitleLength runes (Unicode code points), not
	//     bytes, after trimming; the message gives the limit.
	// Decide the order of the checks: which must come before the trimming?
	return "", Errorf(CodeInternal, "cleanTitle is not written yet: do stage 01, step 4")
}
