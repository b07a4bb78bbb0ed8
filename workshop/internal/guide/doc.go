// Package guide reads the stage guides (each stage's README.md): the
// "## Step K" sections the learner's commands point to, the folded hints
// inside them, the guide's title and how it says to run the tests.
//
// The folded hints serve the stages that are not converted yet: a stage
// with a hint file (package hints, hints/<stage>.md) has its hints there,
// by levels, and its guide folds none. GuideHints is the HintSource of the
// folded hints.
package guide
