package learner

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// A treeWatcher tells when the source files below a directory change: it
// sends on changed once they have been quiet for its debounce time, so that
// an editor's burst of writes (a save, a format, a rename into place) makes
// one run of the tests, not five.
type treeWatcher struct {
	changed chan struct{} // one pending change at most
	w       *fsnotify.Watcher
	done    chan struct{}
}

// watchTree starts watching every directory below dir but hidden ones
// (testdata too: isSourceFile counts its files), and the ones created later.
func watchTree(dir string, debounce time.Duration) (*treeWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	t := &treeWatcher{changed: make(chan struct{}, 1), w: w, done: make(chan struct{})}
	if err := t.addTree(dir); err != nil {
		w.Close()
		return nil, err
	}
	go t.loop(debounce)
	return t, nil
}

// Changed returns the channel that receives a value after files change.
func (t *treeWatcher) Changed() <-chan struct{} { return t.changed }

// Close stops watching.
func (t *treeWatcher) Close() error {
	close(t.done)
	return t.w.Close()
}

// addTree watches dir and every directory below it that is not hidden.
func (t *treeWatcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && repo.IsHidden(d.Name()) {
			return filepath.SkipDir
		}
		return t.w.Add(p)
	})
}

// loop turns file events into debounced changes until Close.
func (t *treeWatcher) loop(debounce time.Duration) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-t.done:
			return
		case ev, ok := <-t.w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() && !repo.IsHidden(info.Name()) {
					t.addTree(ev.Name) // a new folder: watch it too (an error only misses its events)
				}
			}
			if ev.Op == fsnotify.Chmod || !isSourceFile(ev.Name) {
				continue
			}
			timer.Reset(debounce)
		case <-timer.C:
			select {
			case t.changed <- struct{}{}:
			default: // a change is already pending
			}
		case _, ok := <-t.w.Errors:
			if !ok {
				return
			}
		}
	}
}

// isSourceFile reports whether a change to the file at path can change a
// test result: Go code, SQL and protobuf files, go.mod and go.sum, and
// anything in testdata. Databases, editor swap files and the like cannot.
func isSourceFile(path string) bool {
	name := filepath.Base(path)
	if repo.IsHidden(name) || strings.HasSuffix(name, "~") {
		return false
	}
	switch filepath.Ext(name) {
	case ".go", ".sql", ".proto", ".mod", ".sum":
		return true
	}
	return strings.Contains(filepath.ToSlash(path), "/testdata/")
}
