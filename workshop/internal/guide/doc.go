// Package guide reads the stage guides (each stage's README.md): the
// "## Step K" sections the learner's commands point to, the folded hints
// inside them, the guide's title and how it says to run the tests.
//
// The learner's commands read hints only through a HintSource, so that
// where hints live can change without touching them; GuideHints is the
// source of today.
package guide
