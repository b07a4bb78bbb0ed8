package todo

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	title, err := cleanTitle(title)
	if err != nil {
		return Todo{}, err
	}
	now := s.now().UTC()
	return s.store.Insert(ctx, Todo{
		Title:     title,
		Completed: false,
		Order:     order,
		CreatedAt: now,
		UpdatedAt: now,
	})
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
	if p.IsEmpty() {
		return Todo{}, Errorf(CodeInvalid, "nothing to update: give a title, completed or order")
	}
	if p.Title != nil {
		title, err := cleanTitle(*p.Title)
		if err != nil {
			return Todo{}, err
		}
		p.Title = &title
	}
	return s.store.Update(ctx, id, p, s.now().UTC())
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
	if !utf8.ValidString(title) {
		return "", Errorf(CodeInvalid, "title must be valid UTF-8 text")
	}
	title = strings.TrimSpace(title)
	if i := strings.IndexFunc(title, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(title[i:])
		return "", Errorf(CodeInvalid, "title must not hold control characters such as %U", r)
	}
	if !strings.ContainsFunc(title, visible) {
		return "", Errorf(CodeInvalid, "title must not be empty")
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLength {
		return "", Errorf(CodeInvalid, "title is %d characters long; the limit is %d", n, MaxTitleLength)
	}
	return title, nil
}

// visible reports whether r shows on a screen: a letter, mark, number,
// punctuation or symbol. Spaces and format characters (a zero-width space,
// U+200B) do not, so a title made only of them is empty.
func visible(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.IsSpace(r)
}
