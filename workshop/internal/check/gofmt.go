package check

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkFormat checks that every .go file below dirs is formatted as gofmt
// formats it (go/format is gofmt's own code), testdata and hidden
// directories aside.
func (v *verifier) checkFormat(dirs []string) result {
	var unformatted, detail []string
	for _, dir := range dirs {
		files, err := repo.ListFiles(dir, func(name string) bool { return name == "testdata" })
		if err != nil {
			return fail(err.Error(), "")
		}
		for _, f := range files {
			if !strings.HasSuffix(f, ".go") {
				continue
			}
			path := filepath.Join(dir, filepath.FromSlash(f))
			src, err := os.ReadFile(path)
			if err != nil {
				return fail(err.Error(), "")
			}
			formatted, err := format.Source(src)
			if err != nil {
				unformatted = append(unformatted, v.rel(path))
				detail = append(detail, err.Error())
			} else if !bytes.Equal(src, formatted) {
				unformatted = append(unformatted, v.rel(path))
			}
		}
	}
	if len(unformatted) > 0 {
		slices.Sort(unformatted)
		detail = append(detail, "fix: gofmt -w "+strings.Join(unformatted, " "))
		return fail("not gofmt-clean: "+strings.Join(unformatted, ", "), strings.Join(detail, "\n"))
	}
	return pass()
}
