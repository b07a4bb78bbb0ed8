package repo

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ModuleDirs returns every directory below root (root included) that holds
// a go.mod, relative to root with forward slashes, skipping hidden
// directories and testdata.
func ModuleDirs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (IsHidden(d.Name()) || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			rel, err := filepath.Rel(root, filepath.Dir(p))
			if err != nil {
				return err
			}
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	return dirs, err
}

// ListFiles returns the regular files below dir, relative to dir with
// forward slashes, sorted, skipping hidden files and directories and any
// directory for which skipDir returns true.
func ListFiles(dir string, skipDir func(name string) bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		if IsHidden(d.Name()) || (d.IsDir() && skipDir != nil && skipDir(d.Name())) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// TwinFiles returns the files of a stage tree (an exercise or a solution)
// that must have a twin in the other tree: every file but go.mod, go.sum,
// README*.md and hidden ones.
func TwinFiles(dir string) ([]string, error) {
	files, err := ListFiles(dir, nil)
	return slices.DeleteFunc(files, func(f string) bool {
		base := path.Base(f)
		return base == "go.mod" || base == "go.sum" ||
			(strings.HasPrefix(base, "README") && strings.HasSuffix(base, ".md"))
	}), err
}

// IsHidden reports whether a file name is hidden (a dotfile).
func IsHidden(name string) bool {
	return strings.HasPrefix(name, ".")
}

// IsFile reports whether path names an existing regular file.
func IsFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// SameDir reports whether paths a and b name the same existing directory.
func SameDir(a, b string) bool {
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB)
}
