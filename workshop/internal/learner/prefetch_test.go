package learner

import (
	"context"
	"slices"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestPrefetch(t *testing.T) {
	t.Parallel()
	r := fixture.Learner()
	r["go.work"] = "go 1.26.0\n\nuse (\n\t./stage01-demo\n\t./solutions/stage01-demo\n)\n" // fewer modules: a faster test
	// A module cache of its own: the fixture needs no module, so nothing
	// is downloaded; the build cache is the warm one of the tests.
	s, stdout, stderr := testSession(t, r.Write(t), "GOMODCACHE="+t.TempDir())
	if code := s.prefetch(context.Background(), false); code != exit.OK {
		t.Fatalf("prefetch: exit %d, stderr %q\n%s", code, stderr.String(), stdout.String())
	}
	t.Log(stdout.String())
	fixture.WantContains(t, stdout.String(),
		"Go: go.work asks for go 1.26.0 or newer; the go command uses go1.",
		"Modules: go mod download in each of the 2 modules of go.work...\n",
		"Downloaded: nothing; every module was in the module cache already.\n",
		"Build: go build ./..., go test -run '^$' ./..., the same with -race, in each module:\n",
		"  ok    stage01-demo            ",
		"  ok    solutions/stage01-demo  ",
		"  GOMODCACHE  0 B      (+0 B) ",
		"  GOCACHE     ",
		"Ready: the tests, the race detector and SQLite now build without a network.",
	)
}

func TestPrefetchReportsFailures(t *testing.T) {
	t.Parallel()
	r := fixture.Learner()
	r["go.work"] = "go 1.26.0\n\nuse (\n\t./stage02-demo\n\t./solutions/stage01-demo\n)\n"
	r["stage02-demo/double/double.go"] = "package double\n\nfunc Double(a int) int { return \"x\" }\n"
	s, stdout, _ := testSession(t, r.Write(t), "GOMODCACHE="+t.TempDir())
	if code := s.prefetch(context.Background(), false); code != exit.Fail {
		t.Errorf("prefetch with a module that does not build: exit %d, want %d", code, exit.Fail)
	}
	fixture.WantContains(t, stdout.String(),
		"  FAIL  stage02-demo            ",
		"  ok    solutions/stage01-demo  ",
		"go build ./... fails:",
		"1 step failed: see above. What did succeed is cached.",
	)
}

func TestModuleCacheHelpers(t *testing.T) {
	t.Parallel()
	cache := fixture.Repo{
		"cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0.zip": "zip",
		"cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0.mod": "module",
		"cache/download/golang.org/x/sys/@v/v0.13.0.zip":            "zip!",
	}.Write(t)
	if got, want := moduleZips(cache), []string{"github.com/BurntSushi/toml@v1.0.0", "golang.org/x/sys@v0.13.0"}; !slices.Equal(got, want) {
		t.Errorf("moduleZips = %q, want %q", got, want)
	}
	if got := dirSize(cache); got != 13 {
		t.Errorf("dirSize = %d, want 13", got)
	}
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1500: "2 kB", 412_300_000: "412 MB", 1_260_000_000: "1.3 GB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
	if got := goWorkVersion(fixture.Repo{"go.work": "go 1.26.0\n\ntoolchain go1.26.3\n"}.Write(t)); got != "1.26.3" {
		t.Errorf("goWorkVersion with a toolchain line = %q", got)
	}
}
