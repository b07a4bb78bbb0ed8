package check

import (
	"go/scanner"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// A goToken is one Go token of a text: what it says (its literal, or the
// operator or keyword) and the line it starts on. Two tokens are the same
// when their texts are: an identifier, a literal (quotes included), a
// keyword or an operator cannot share a text with a token of another kind.
type goToken struct {
	text string
	line int
}

// scanCode returns the code tokens of Go source src, comments and
// semicolons left out (a semicolon is a line end more often than not, and
// code quoted in prose breaks its lines elsewhere). Scan errors are
// ignored: prose scanned as Go is full of them.
func scanCode(src []byte) []goToken {
	var toks []goToken
	scanTokens(src, 0, func(_ token.Token, text string, line int) {
		toks = append(toks, goToken{text, line})
	})
	return toks
}

// scanTokens scans src as Go and calls f with each token but semicolons,
// EOF and (unless mode has scanner.ScanComments) comments, with its text
// and line.
func scanTokens(src []byte, mode scanner.Mode, f func(tok token.Token, text string, line int)) {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, mode)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return
		}
		if tok == token.SEMICOLON {
			continue
		}
		text := lit
		if text == "" {
			text = tok.String()
		}
		f(tok, text, file.Line(pos))
	}
}

// A tokenStream is a run of tokens a learner reads in one place: a file's
// code, its comments, one of its string literals, a README.
type tokenStream []goToken

// scanGoFile returns the streams of a Go source file: its code, its
// comments (all of them in one stream, at their lines, so that code quoted
// across comment lines is one run) and the contents of each string literal
// (failure messages quote code). Comments and strings are scanned as prose.
func scanGoFile(src []byte) []tokenStream {
	code := tokenStream{}
	comments := []byte(blankAllBut(src))
	var strs []tokenStream
	scanTokens(src, scanner.ScanComments, func(tok token.Token, text string, line int) {
		switch tok {
		case token.COMMENT:
			return // read from comments below
		case token.STRING:
			strs = append(strs, scanStringLit(text, line))
		}
		code = append(code, goToken{text, line})
	})
	// The comment stream: src with every byte outside comments blanked and
	// the comment markers too, so that lines keep their numbers.
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		off := file.Offset(pos)
		body := lit[2:]
		if strings.HasPrefix(lit, "/*") {
			body = strings.TrimSuffix(body, "*/")
		}
		copy(comments[off+2:], body)
	}
	streams := []tokenStream{code, scanProse(string(comments), 0)}
	return append(streams, strs...)
}

// blankAllBut returns src with every byte but newlines replaced by a space.
func blankAllBut(src []byte) string {
	b := []byte(string(src))
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// scanStringLit returns the tokens of the contents of the Go string literal
// lit, which starts on line, scanned as prose.
func scanStringLit(lit string, line int) tokenStream {
	if strings.HasPrefix(lit, "`") {
		return scanProse(strings.Trim(lit, "`"), line-1)
	}
	s, err := strconv.Unquote(lit)
	if err != nil {
		return nil
	}
	toks := scanProse(s, 0)
	for i := range toks {
		toks[i].line = line // escaped newlines are not lines of the file
	}
	return toks
}

// runeLit matches a Go rune literal, which prose keeps; every other
// apostrophe (don't, the learner's) is blanked, or the scanner would read
// the rest of its line as one unterminated rune literal.
var runeLit = regexp.MustCompile(`'(\\[^']{1,9}|[^'\\\n])'`)

// scanProse returns the tokens of text that mixes prose and code (a README,
// a comment, a failure message), scanned leniently as Go: backticks
// (inline code, fences) are blanked so that the code inside is scanned as
// code, apostrophes of prose are blanked, and scan errors are ignored.
// lineOffset is added to every line.
func scanProse(text string, lineOffset int) tokenStream {
	b := []byte(text)
	for i, c := range b {
		if c == '`' || c == '\'' {
			b[i] = ' '
		}
	}
	for _, loc := range runeLit.FindAllStringIndex(text, -1) {
		copy(b[loc[0]:loc[1]], text[loc[0]:loc[1]])
	}
	toks := tokenStream{}
	scanTokens(b, 0, func(_ token.Token, text string, line int) {
		toks = append(toks, goToken{text, line + lineOffset})
	})
	return toks
}

// joinTokens prints tokens as Go would mostly space them: no space before
// a closing bracket, a comma or a dot, none after an opening bracket or a dot.
func joinTokens(toks []goToken) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			prev := toks[i-1].text
			switch {
			case strings.Contains(",.)]:", t.text) && len(t.text) == 1:
			case prev == "(" || prev == "[" || prev == "." || prev == "!":
			case (t.text == "(" || t.text == "[") && (prev == ")" || prev == "]" || token.IsIdentifier(prev)):
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.text)
	}
	return b.String()
}
