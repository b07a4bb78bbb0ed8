package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
)

// TestMain lets the test binary be an instance too: the demo starts its
// instances by running its own executable, which here is this binary.
func TestMain(m *testing.M) {
	if spec := os.Getenv(instanceEnv); spec != "" {
		if err := runInstance(spec, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "demo instance:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestDemoSurvivesAKillAndFindsANewInstance runs a short demo: no call may
// fail, and the instance started last must serve calls. One worker, so that
// the round robin is its alone: its tries of one call go to three instances
// in a row, and at most one of them is dead. (Several workers share the
// balancer: another worker's picks between two tries could send all three
// to the dead instance. Rare, but a test must not depend on it.)
func TestDemoSurvivesAKillAndFindsANewInstance(t *testing.T) {
	sdtest.RequireSteps(t, sdtest.StartEtcd(t), 4, "the demo")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var out bytes.Buffer
	err := run(ctx, []string{"-duration", "6s", "-workers", "1"}, &out, io.Discard)
	t.Logf("demo output:\n%s", &out)
	if err != nil {
		t.Fatalf("demo = %v; want no failed call", err)
	}
	text := out.String()
	for _, want := range []string{">>> kill -9 instance #2", ">>> started instance #4", " 0 failed calls"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the demo's output has no %q", want)
		}
	}
	// The last line of the timeline: the newcomer answered calls, the killed
	// instance none.
	lines := regexp.MustCompile(`(?m)^ *[0-9.]+s .*$`).FindAllString(text, -1)
	last := lines[len(lines)-1]
	m := regexp.MustCompile(`#2- +(\d+) .*#4[ -] +(\d+)`).FindStringSubmatch(last)
	if m == nil {
		t.Fatalf("the last line of the timeline, %q, does not show #2 deregistered and #4", last)
	}
	dead, _ := strconv.Atoi(m[1])
	newcomer, _ := strconv.Atoi(m[2])
	if dead != 0 || newcomer == 0 {
		t.Fatalf("the last line of the timeline, %q: want 0 calls answered by the killed #2 and some by the new #4", last)
	}
}
