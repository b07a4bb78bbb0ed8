package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A repo is a fixture repository: file contents by slash-separated path.
// Fixtures are written to t.TempDir(), never committed, so that their go.mod
// files cannot confuse the real repository's module checks.
type repo map[string]string

// Module paths of the fixture's stages.
const (
	ex1  = "example.com/fx/stage01-demo"
	sol1 = "example.com/fx/solutions/stage01-demo"
	ex2  = "example.com/fx/stage02-demo"
	sol2 = "example.com/fx/solutions/stage02-demo"
)

// goodRepo returns a fixture that passes every check: two stages of
// standard-library-only packages (stage 2 builds on stage 1's solution)
// and a workshop module with a passing test.
func goodRepo() repo {
	r := repo{
		"go.work":               "go 1.26.0\n\nuse (\n\t./solutions/stage01-demo\n\t./solutions/stage02-demo\n\t./stage01-demo\n\t./stage02-demo\n\t./workshop\n)\n",
		"workshop/go.mod":       "module example.com/fx/workshop\n\ngo 1.26.0\n",
		"workshop/self_test.go": "package workshop\n\nimport \"testing\"\n\nfunc TestSelf(t *testing.T) {}\n",
	}
	r.addStage("stage01-demo", ex1, sol1, nil, map[string]string{
		"README.md":           "# Stage 1: add numbers\n",
		"calc/calc.go":        calcExercise,
		"calc/path.go":        "package calc\n\n// ImportPath is the import path of this package.\nconst ImportPath = \"MOD/calc\"\n",
		"calc/path_test.go":   "package calc_test\n\nimport (\n\t\"testing\"\n\n\t\"MOD/calc\"\n)\n\nfunc TestImportPath(t *testing.T) {\n\tif calc.ImportPath != \"MOD/calc\" {\n\t\tt.Fatal(calc.ImportPath)\n\t}\n}\n",
		"calc/step1_test.go":  calcStep1Test,
		"calc/testdata/x.txt": "same in both trees\n",
	}, map[string]string{
		"calc/calc.go": strings.Replace(calcExercise, "\t// TODO(stage01, step 1): return the sum of a and b.\n\treturn 0", "\treturn a + b", 1),
	})
	stage1 := map[string]string{sol1: "solutions/stage01-demo"}
	r.addStage("stage02-demo", ex2, sol2, stage1, map[string]string{
		"README.md":             "# Stage 2: double numbers\n",
		"double/double.go":      doubleExercise,
		"double/triple.go":      "package double\n\nimport \"" + sol1 + "/calc\"\n\n// Triple returns 3*a.\nfunc Triple(a int) int { return calc.Add(a, calc.Add(a, a)) }\n",
		"double/triple_test.go": "package double\n\nimport \"testing\"\n\nfunc TestTriple(t *testing.T) {\n\tif got := Triple(2); got != 6 {\n\t\tt.Fatalf(\"Triple(2) = %d, want 6\", got)\n\t}\n}\n",
		"double/step1_test.go":  "package double\n\nimport \"testing\"\n\nfunc TestStep1Double(t *testing.T) {\n\tif got := Double(4); got != 8 {\n\t\tt.Fatalf(\"Double(4) = %d, want 8 (step 1)\", got)\n\t}\n}\n",
	}, map[string]string{
		"double/double.go": "// Package double doubles numbers.\npackage double\n\nimport \"" + sol1 + "/calc\"\n\n// Double returns 2*a.\nfunc Double(a int) int {\n\treturn calc.Add(a, a)\n}\n",
	})
	return r
}

const calcExercise = `// Package calc adds numbers.
package calc

// Add returns the sum of a and b.
func Add(a, b int) int {
	// TODO(stage01, step 1): return the sum of a and b.
	return 0
}
`

const calcStep1Test = `package calc_test

import (
	"testing"

	"MOD/calc"
)

func TestStep1Add(t *testing.T) {
	if got := calc.Add(2, 3); got != 5 {
		t.Fatalf("Add(2, 3) = %d, want 5 (step 1: write the body of Add)", got)
	}
}
`

const doubleExercise = `// Package double doubles numbers.
package double

// Double returns 2*a.
func Double(a int) int {
	// TODO(stage02, step 1): return a doubled, with calc.Add.
	return 0
}
`

// addStage adds the exercise and solution modules of stage name. Each of
// files goes to both trees, with MOD replaced by the tree's module path;
// solved overrides the solution's version of some of them. replaces maps
// module paths the stage requires to their directory relative to the root.
func (r repo) addStage(name, exPath, solPath string, replaces map[string]string, files, solved map[string]string) {
	solFiles := maps.Clone(files)
	maps.Copy(solFiles, solved)
	for f, text := range files {
		r[name+"/"+f] = strings.ReplaceAll(text, "MOD", exPath)
	}
	for f, text := range solFiles {
		r["solutions/"+name+"/"+f] = strings.ReplaceAll(text, "MOD", solPath)
	}
	r[name+"/go.mod"] = goMod(exPath, "..", replaces)
	r["solutions/"+name+"/go.mod"] = goMod(solPath, "../..", replaces)
}

// goMod returns a go.mod for module path that requires and replaces the
// modules in replaces (module path to directory, relative to the root); up
// leads from the module's directory to the root.
func goMod(path, up string, replaces map[string]string) string {
	text := "module " + path + "\n\ngo 1.26.0\n"
	for mod, dir := range replaces {
		text += "\nrequire " + mod + " v0.0.0-00010101000000-000000000000\n\nreplace " + mod + " => " + up + "/" + dir + "\n"
	}
	return text
}

// write writes the fixture to a new temporary directory and returns its path.
func (r repo) write(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range r {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// edit replaces old with new in file name of the fixture, which must hold it.
func (r repo) edit(t *testing.T, name, old, new string) {
	t.Helper()
	if !strings.Contains(r[name], old) {
		t.Fatalf("fixture %s does not contain %q", name, old)
	}
	r[name] = strings.Replace(r[name], old, new, 1)
}
