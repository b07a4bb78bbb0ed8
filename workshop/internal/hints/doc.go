// Package hints reads the hint files of the workshop: one per converted
// stage, hints/<stage>.md at the repository root (hints/stage01-service.md),
// and its translations beside it (hints/stage01-service.ko.md), outside the
// exercise folders so that a learner sees a hint only on request.
//
// A hint file is Markdown, readable raw. Its structure is marked by fixed
// English headings, the same in every language; the text under them is free:
//
//	# Stage 01 hints                      (a title, free)
//
//	## Step 1                             (one section per step; text may follow the number)
//
//	### Level 1                           the idea, the Go kit names, the go doc commands
//	...
//	### Level 2                           a sketch: signatures, the order of calls, the shape
//	...
//	### Level 3                           optional text, then one or more code lines:
//	code: sqlite/sqlite.go Open
//	code: sqlite/store.go Store.Create
//
//	## Check                              the check-yourself questions and their answers
//	### Q1
//	Question text.
//	#### Answer
//	Answer text.
//
// A code line names a file of the stage's SOLUTION module (a slash path
// relative to it) and a top-level declaration in it: a func (Open), a
// method (Store.Create, pointer or not) or a type, var or const (Kind).
// Resolve finds it with go/parser and returns its source exactly as written,
// doc comment included, so a level 3 hint cannot drift from the solution.
//
// Headings inside fenced code blocks are text. Any other "##", "###" or
// "####" heading is an error, so a typo in a marker never hides a hint.
//
// What this package gives other code:
//
//   - Load(root, stage) and LoadLang(root, stage, lang) parse a hint file
//     into a File: per step its three levels and its code references (Ref),
//     and the Check questions;
//   - Converted(root) lists the stages that have a hint file (the converted
//     stages), Languages(root, stage) the translations of one;
//   - Resolve(solutionDir, ref) finds the declaration a reference names
//     (Decl: file, name, byte span, lines, text, the imports it uses), and
//     Decls(filename, src) lists every top-level declaration of a Go file
//     the same way, so a check can tell which declarations a step's level 3
//     covers: the learner's part of the solution.
package hints
