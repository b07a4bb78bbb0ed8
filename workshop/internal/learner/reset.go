package learner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// ResetAbout describes the reset command, for its -h.
const ResetAbout = `Puts the exercise files of a stage back as shipped: as in the commit you
have checked out (git's HEAD), with git. Files you changed or deleted are
restored; files you added are removed (ignored files, like todo.db, stay).
First it copies your versions to .workshop/backup/<stage>-<time>/, which git
ignores, and asks before it changes anything; -y does not ask.
The solutions are never touched. If you committed your own work, HEAD holds
it: git checkout origin/main -- <stage> brings back the stage as published.`

// backupDir is where reset keeps a learner's work, relative to the root.
const backupDir = ".workshop/backup"

// Reset is the reset command: the exercise files of the stage named as
// shipped, after a backup of the learner's work; it asks first unless yes.
// It returns the exit status.
func Reset(stage string, yes bool, stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	s.preflight() // reset needs no cgo, but the learner needs to know: it prints the fix
	st, ok := s.pickStage("reset", stage)
	if !ok {
		return exit.Usage
	}
	return s.reset(st, yes, os.Stdin, time.Now())
}

// A change is a file of a stage that is not as in HEAD.
type change struct {
	path   string // relative to the stage's directory, with forward slashes
	status string // git status --porcelain's two letters, e.g. " M", "??"
}

// describe says what reset does to the file.
func (c change) describe() string {
	switch {
	case c.status == "??":
		return "remove  " + c.path + "  (a file you added)"
	case strings.Contains(c.status, "D"):
		return "restore " + c.path + "  (deleted)"
	case strings.Contains(c.status, "A"):
		return "remove  " + c.path + "  (a file you added)"
	}
	return "restore " + c.path + "  (changed)"
}

// reset restores the exercise of stage st as in HEAD, after asking on in
// (unless yes) and after copying the learner's files to a backup named
// after now.
func (s *session) reset(st repo.Stage, yes bool, in io.Reader, now time.Time) int {
	dir := st.Exercise.Dir
	if _, err := exec.LookPath("git"); err != nil {
		fmt.Fprintln(s.errOut, "workshop reset: git is not installed (or not on PATH); reset uses it to find the files as shipped.")
		fmt.Fprintln(s.errOut, "Install git, or copy the stage's files from a fresh download of the workshop.")
		return exit.Fail
	}
	prefix, err := s.git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop reset: this copy of the workshop is not a git clone, so reset cannot tell the files as shipped:", err)
		return exit.Fail
	}
	if out, err := s.git(dir, "ls-tree", "-r", "--name-only", "HEAD", "--", "."); err != nil || out == "" {
		fmt.Fprintf(s.errOut, "workshop reset: %s is not in the commit you have checked out (HEAD), so there is nothing to reset it to\n", st.Name)
		return exit.Fail
	}
	changes, err := s.stageChanges(dir, strings.TrimSpace(prefix))
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop reset:", err)
		return exit.Fail
	}
	if len(changes) == 0 {
		fmt.Fprintf(s.out, "%s is as shipped: nothing to reset.\n", st.Name)
		return exit.OK
	}

	backup, err := newBackupDir(s.root, st.Name, now)
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop reset:", err)
		return exit.Fail
	}
	fmt.Fprintf(s.out, "Reset %s to the files as shipped (git HEAD):\n", s.color.bold(st.Name))
	for _, c := range changes {
		fmt.Fprintln(s.out, "  "+c.describe())
	}
	fmt.Fprintf(s.out, "Your versions go to %s first.\n", s.rel(backup)+"/")
	if !yes {
		fmt.Fprint(s.out, "Reset? Type y and Enter: ")
		answer, err := bufio.NewReader(in).ReadString('\n')
		answer = strings.ToLower(strings.TrimSpace(answer))
		if f, ok := in.(*os.File); !ok || !isTerminal(f) {
			fmt.Fprintln(s.out) // the answer was not echoed: end the line
		}
		if answer != "y" && answer != "yes" {
			os.Remove(backup)
			if err != nil && answer == "" {
				fmt.Fprintln(s.out, "No answer. Nothing changed. (In a script, use reset -y.)")
				return exit.Fail
			}
			fmt.Fprintln(s.out, "Nothing changed.")
			return exit.OK
		}
	}

	saved, err := backUp(dir, backup, changes)
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop reset: backing up your files failed, nothing was reset:", err)
		return exit.Fail
	}
	if _, err := s.git(dir, "restore", "--source=HEAD", "--staged", "--worktree", "--", "."); err != nil {
		fmt.Fprintln(s.errOut, "workshop reset: git restore failed:", err)
		fmt.Fprintf(s.errOut, "Your files are safe in %s\n", s.rel(backup))
		return exit.Fail
	}
	for _, c := range changes {
		if c.status == "??" {
			if err := removeWithEmptyParents(dir, c.path); err != nil {
				fmt.Fprintln(s.errOut, "workshop reset:", err)
				return exit.Fail
			}
		}
	}
	if saved == 0 {
		os.Remove(backup) // only deletions: nothing to keep
		fmt.Fprintf(s.out, "%s is as shipped again.\n", st.Name)
		return exit.OK
	}
	fmt.Fprintf(s.out, "%s is as shipped again. Your %s in %s (git ignores that folder).\n",
		st.Name, plural(saved, "file")+" "+isAre(saved), s.rel(backup)+"/")
	return exit.OK
}

// stageChanges lists the files below dir that differ from HEAD: changed,
// deleted, staged and untracked ones (ignored files aside). prefix is dir's
// path inside the git work tree, as git rev-parse --show-prefix says it.
func (s *session) stageChanges(dir, prefix string) ([]change, error) {
	out, err := s.git(dir, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
	if err != nil {
		return nil, err
	}
	var changes []change
	fields := strings.Split(out, "\x00")
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if len(f) < 4 {
			continue
		}
		status, p := f[:2], f[3:]
		if status[0] == 'R' || status[0] == 'C' {
			i++ // the next field is the path it was renamed or copied from
		}
		rel, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		changes = append(changes, change{path: rel, status: status})
	}
	slices.SortFunc(changes, func(a, b change) int { return strings.Compare(a.path, b.path) })
	return changes, nil
}

// git runs git with args in dir and returns its standard output; an error
// carries what git said on standard error.
func (s *session) git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = s.env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return string(out), nil
}

// newBackupDir makes an empty directory for a backup of stage name under
// root/.workshop/backup, named after the time, and makes git ignore
// .workshop/.
func newBackupDir(root, name string, now time.Time) (string, error) {
	workshopDir := filepath.Join(root, filepath.Dir(filepath.FromSlash(backupDir)))
	if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(backupDir)), 0o755); err != nil {
		return "", err
	}
	ignore := filepath.Join(workshopDir, ".gitignore")
	if !repo.IsFile(ignore) {
		if err := os.WriteFile(ignore, []byte("# Backups of the workshop command: not part of the workshop.\n*\n"), 0o644); err != nil {
			return "", err
		}
	}
	base := filepath.Join(root, filepath.FromSlash(backupDir), name+"-"+now.Format("20060102-150405"))
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

// backUp copies the changed files that exist from dir to backup, keeping
// their paths, and returns how many it copied.
func backUp(dir, backup string, changes []change) (int, error) {
	n := 0
	for _, c := range changes {
		src := filepath.Join(dir, filepath.FromSlash(c.path))
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted: nothing to keep
		}
		if err != nil {
			return n, err
		}
		if !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return n, err
		}
		dst := filepath.Join(backup, filepath.FromSlash(c.path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return n, err
		}
		if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// removeWithEmptyParents removes file rel below dir, then each parent
// directory that it leaves empty, up to (not including) dir.
func removeWithEmptyParents(dir, rel string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for parent := filepath.Dir(p); parent != dir && strings.HasPrefix(parent, dir); parent = filepath.Dir(parent) {
		if os.Remove(parent) != nil {
			break // not empty
		}
	}
	return nil
}
