package learner

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// The board's record: what the last run of each stage's tests found, kept
// in .workshop/results.json (git ignores .workshop/) under a key that
// hashes everything the run depended on (see stageKey). Go's test cache
// keeps passing tests only, and a learner's stage fails until it is done,
// so without the record every board would run every stage again: about a
// minute warm on two cores. With it a board runs only the stages whose key
// changed since their last run.

// recordFile is where the record lives, relative to the repository root.
const recordFile = ".workshop/results.json"

// recordVersion is part of every key: change it when what a run records,
// or how a key is made, changes.
const recordVersion = "workshop board record 1"

// keyEnv are the environment variables that change how go test builds or
// runs, and so are part of every key.
var keyEnv = []string{"GOFLAGS", "CGO_ENABLED", "CC", "CGO_CFLAGS", "CGO_LDFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN", "GOARCH", "GOOS", "GOAMD64", "GOARM64"}

// A recordedStage is one stage's entry in the record.
type recordedStage struct {
	Key     string         `json:"key"`
	Steps   []recordedStep `json:"steps"`
	Problem string         `json:"problem,omitempty"`
}

// A recordedStep is one step of a recorded stage.
type recordedStep struct {
	Number int         `json:"number"`
	Tests  []repo.Test `json:"tests"`
}

// A record is the board's record of a repository, as this process knows it.
type record struct {
	path   string
	mu     sync.Mutex
	stages map[string]recordedStage // by stage name
}

// openRecord reads the record of the repository at root; a missing or
// unreadable record is an empty one (its stages simply run again).
func openRecord(root string) *record {
	r := &record{path: filepath.Join(root, filepath.FromSlash(recordFile))}
	r.stages = r.read()
	return r
}

// read returns the stages recorded on disk now.
func (r *record) read() map[string]recordedStage {
	stages := map[string]recordedStage{}
	if data, err := os.ReadFile(r.path); err == nil {
		json.Unmarshal(data, &stages) // a damaged file is an empty record
	}
	return stages
}

// recall returns the progress recorded for stage st under key, if any.
func (r *record) recall(st repo.Stage, key string) (stageProgress, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rs, ok := r.stages[st.Name]
	if !ok || rs.Key != key {
		return stageProgress{}, false
	}
	p := stageProgress{stage: st, problem: rs.Problem}
	for _, step := range rs.Steps {
		p.steps = append(p.steps, stepProgress{number: step.Number, tests: step.Tests})
	}
	return p, true
}

// remember records progress p of its stage under key, and writes the
// record to disk, merged with what another command (a watch in another
// terminal) wrote since this one read it. A record that cannot be written
// only costs a run next time: the error is returned for tests, and ignored
// by commands.
func (r *record) remember(p stageProgress, key string) error {
	rs := recordedStage{Key: key, Problem: p.problem}
	for _, step := range p.steps {
		rs.Steps = append(rs.Steps, recordedStep{Number: step.number, Tests: step.tests})
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stages[p.stage.Name] = rs
	onDisk := r.read()
	onDisk[p.stage.Name] = rs
	data, err := json.MarshalIndent(onDisk, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(r.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.path), ".results-*.json")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), r.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// A stageKey says what a stage's tests depend on.
type stageKey struct {
	exercise string // HashTree of the exercise: compared with the shipped one
	key      string // the record's key: the exercise, what it imports from the repository, go.work, the toolchain
}

// keyOf returns the key of stage st. Its dependencies in the repository
// are the local directories its go.mod replaces modules with (every
// sibling it needs, direct or indirect: the solutions of earlier stages,
// api/). An error (a go.mod that does not parse) gives an empty key, which
// no record matches: the stage runs, and go test says what is wrong.
func (s *session) keyOf(st repo.Stage) stageKey {
	ex, err := repo.HashTree(st.Exercise.Dir)
	if err != nil {
		return stageKey{}
	}
	mod, err := repo.ReadGoMod(st.Exercise.Dir)
	if err != nil {
		return stageKey{exercise: ex}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s %s/%s\n", recordVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	for _, k := range keyEnv {
		fmt.Fprintf(h, "env %s=%s\n", k, repo.Getenv(s.env, k))
	}
	for _, f := range []string{"go.work", "go.work.sum"} {
		data, _ := os.ReadFile(filepath.Join(s.root, f)) // a missing go.work.sum hashes as empty
		fmt.Fprintf(h, "%s %x\n", f, sha256.Sum256(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))))
	}
	fmt.Fprintf(h, "exercise %s\n", ex)
	var deps []string
	for _, r := range mod.Replace {
		if p := r.New.Path; r.New.Version == "" && (strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || filepath.IsAbs(p)) {
			deps = append(deps, filepath.Clean(filepath.Join(st.Exercise.Dir, p)))
		}
	}
	slices.Sort(deps)
	for _, dir := range slices.Compact(deps) {
		dh, err := repo.HashTree(dir)
		if err != nil {
			return stageKey{exercise: ex}
		}
		rel, _ := filepath.Rel(s.root, dir)
		fmt.Fprintf(h, "dep %s %s\n", filepath.ToSlash(rel), dh)
	}
	return stageKey{exercise: ex, key: hex.EncodeToString(h.Sum(nil))}
}

// untouched reports whether the exercise of stage st is as shipped: its
// files hash as the shipped manifest says. The maintainer check makes
// every step test of a shipped exercise fail, so such a stage is "not
// started" without a run.
func (s *session) untouched(st repo.Stage, k stageKey) bool {
	want, ok := s.shipped[st.Name]
	return ok && k.exercise != "" && k.exercise == want
}

// shippedFile is the shipped manifest: the HashTree of every exercise as
// shipped, one "stageNN-name hash" line each. TestShippedIsCurrent keeps it
// current (go test ./internal/learner -run TestShippedIsCurrent -update).
const shippedFile = "shipped.txt"

//go:embed shipped.txt
var shippedText string

// parseShipped reads a shipped manifest.
func parseShipped(text string) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && !strings.HasPrefix(f[0], "#") {
			m[f[0]] = f[1]
		}
	}
	return m
}

// formatShipped writes the shipped manifest of stages.
func formatShipped(stages []repo.Stage) (string, error) {
	var b strings.Builder
	b.WriteString("# The exercises as shipped: repo.HashTree of each. The board shows a stage\n")
	b.WriteString("# whose files hash so as not started, without running its tests.\n")
	b.WriteString("# Regenerate: cd workshop && go test ./internal/learner -run TestShippedIsCurrent -update\n")
	for _, st := range stages {
		h, err := repo.HashTree(st.Exercise.Dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return "", err
		}
		fmt.Fprintf(&b, "%s %s\n", st.Name, h)
	}
	return b.String(), nil
}
