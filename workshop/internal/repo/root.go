package repo

import (
	"fmt"
	"path/filepath"
)

// FindRoot returns the first directory, from dir upwards, that holds a
// go.work file: the root of the workshop repository.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if IsFile(filepath.Join(d, "go.work")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.work in %s or above it: run this inside the workshop repository", dir)
		}
	}
}
