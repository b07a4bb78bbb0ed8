package hints

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// A Decl is one top-level declaration of a Go file, as a code line names
// it and as a learner would see it.
type Decl struct {
	Name string // Func, Type.Method, or the name of a type, var or const
	File string // the file's path, as given to Decls or joined by Resolve
	// Start and End are the byte offsets of the declaration in the file,
	// its doc comment included: Text is src[Start:End]. A spec of a
	// grouped "var (...)", "const (...)" or "type (...)" starts at the
	// beginning of its (or its doc comment's) line, its indentation kept,
	// and ends with its line comment.
	Start, End int
	Line       int    // the line of Start, from 1
	EndLine    int    // the line of End
	Text       string // the source, exactly as written
	// Imports are the imports of the file that the declaration uses (by
	// a selector such as sql.Open), in the file's order.
	Imports []Import
}

// An Import is one import of a Go file.
type Import struct {
	Name string // the name the file gives it ("" when it does not rename it)
	Path string
}

// String returns the import as an import declaration writes it.
func (i Import) String() string {
	if i.Name != "" {
		return i.Name + " " + strconv.Quote(i.Path)
	}
	return strconv.Quote(i.Path)
}

// Decls returns the top-level declarations of the Go source src (read from
// filename when src is nil), in source order: a func or method as one
// declaration, and each name of a type, var or const spec as one (the
// names of "var a, b = 1, 2" share its span). Blank names and init funcs
// are left out.
func Decls(filename string, src []byte) ([]Decl, error) {
	if src == nil {
		var err error
		if src, err = os.ReadFile(filename); err != nil {
			return nil, err
		}
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	imports := fileImports(file)
	tf := fset.File(file.Pos())
	var decls []Decl
	add := func(name string, node ast.Node, start, end token.Pos) {
		if name == "_" || name == "" {
			return
		}
		s, e := tf.Offset(start), tf.Offset(end)
		decls = append(decls, Decl{
			Name:    name,
			File:    filename,
			Start:   s,
			End:     e,
			Line:    tf.Line(start),
			EndLine: tf.Line(end),
			Text:    string(src[s:e]),
			Imports: usedImports(node, imports),
		})
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				continue
			}
			start := d.Pos()
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			add(FuncName(d), d, start, d.End())
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			for _, spec := range d.Specs {
				start, end := d.Pos(), d.End()
				if d.Doc != nil {
					start = d.Doc.Pos()
				}
				var doc, comment *ast.CommentGroup
				var names []string
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					doc, comment, names = spec.Doc, spec.Comment, []string{spec.Name.Name}
				case *ast.ValueSpec:
					doc, comment = spec.Doc, spec.Comment
					for _, n := range spec.Names {
						names = append(names, n.Name)
					}
				}
				if d.Lparen.IsValid() { // grouped: the spec alone, from its line
					start, end = spec.Pos(), spec.End()
					if doc != nil {
						start = doc.Pos()
					}
					if comment != nil {
						end = comment.End()
					}
					start = tf.LineStart(tf.Line(start))
				}
				for _, name := range names {
					add(name, spec, start, end)
				}
			}
		}
	}
	return decls, nil
}

// FuncName returns the name a code line gives a func: Name, or
// Type.Method for a method (pointer receiver or not, type parameters left
// out).
func FuncName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + d.Name.Name
		}
		return d.Name.Name
	}
}

// fileImports returns the imports of file by the name the file's code
// uses for each (its own name, else the last element of its path, as
// PackageName guesses it); blank and dot imports are left out.
func fileImports(file *ast.File) map[string]Import {
	imports := make(map[string]Import)
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		imp := Import{Path: p}
		name := PackageName(p)
		if spec.Name != nil {
			if spec.Name.Name == "_" || spec.Name.Name == "." {
				continue
			}
			imp.Name, name = spec.Name.Name, spec.Name.Name
		}
		imports[name] = imp
	}
	return imports
}

// PackageName guesses the name of the package at import path p, as Go's
// tools do without reading it: its last element, without a "go-" prefix,
// a ".vN" suffix, or a "/vN" major version element (github.com/mattn/go-sqlite3
// is sqlite3, gopkg.in/yaml.v3 is yaml, .../etcd/client/v3 is client).
// A package whose name differs from its path is imported under a name by
// convention, which the file then writes.
func PackageName(p string) string {
	elem := path.Base(p)
	if isMajorVersion(elem) && path.Dir(p) != "." {
		elem = path.Base(path.Dir(p))
	}
	if i := strings.LastIndex(elem, ".v"); i > 0 && isMajorVersion(elem[i+1:]) {
		elem = elem[:i]
	}
	elem = strings.TrimPrefix(elem, "go-")
	return strings.NewReplacer("-", "_", ".", "_").Replace(elem)
}

// isMajorVersion reports whether elem is a major version element: v2, v3...
func isMajorVersion(elem string) bool {
	if len(elem) < 2 || elem[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(elem[1:])
	return err == nil
}

// usedImports returns the imports of imports (by name) that node uses in a
// selector (name.X), in the order of their paths.
func usedImports(node ast.Node, imports map[string]Import) []Import {
	var used []Import
	ast.Inspect(node, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if imp, ok := imports[id.Name]; ok && !slices.Contains(used, imp) {
				used = append(used, imp)
			}
		}
		return true
	})
	slices.SortFunc(used, func(a, b Import) int { return strings.Compare(a.Path, b.Path) })
	return used
}

// Resolve returns the declaration that ref names in the solution module
// in solutionDir. It is an error when the file cannot be read or parsed,
// or when it holds no declaration of that name, or more than one.
func Resolve(solutionDir string, ref Ref) (Decl, error) {
	if ref.Path == "" || path.IsAbs(ref.Path) || strings.HasPrefix(path.Clean(ref.Path), "..") || !strings.HasSuffix(ref.Path, ".go") {
		return Decl{}, fmt.Errorf("code: %s: the file must be a .go file inside the solution module, as a slash path relative to it", ref)
	}
	decls, err := Decls(filepath.Join(solutionDir, filepath.FromSlash(ref.Path)), nil)
	if err != nil {
		return Decl{}, fmt.Errorf("code: %s: %w", ref, err)
	}
	var found []Decl
	for _, d := range decls {
		if d.Name == ref.Name {
			found = append(found, d)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		var names []string
		for _, d := range decls {
			names = append(names, d.Name)
		}
		return Decl{}, fmt.Errorf("code: %s: %s declares no %s (it declares: %s)", ref, ref.Path, ref.Name, strings.Join(names, ", "))
	default:
		return Decl{}, fmt.Errorf("code: %s: %s declares %s %d times", ref, ref.Path, ref.Name, len(found))
	}
}

// MissingImports returns the imports of d that the Go file at path (the
// learner's twin of d's file) does not have, comparing import paths after
// rewriting the module path from to to (solution to exercise). A missing
// or unparsable file has no imports.
func MissingImports(d Decl, path, from, to string) []Import {
	have := map[string]bool{}
	fset := token.NewFileSet()
	if file, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly); err == nil {
		for _, spec := range file.Imports {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil {
				have[p] = true
			}
		}
	}
	var missing []Import
	for _, imp := range d.Imports {
		imp.Path = string(repo.RewritePath([]byte(imp.Path), from, to))
		if !have[imp.Path] {
			missing = append(missing, imp)
		}
	}
	return missing
}
