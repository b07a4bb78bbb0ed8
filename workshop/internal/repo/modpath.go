package repo

import (
	"bytes"
	"strings"
)

// RewritePath replaces the module path from with to wherever it stands as a
// whole path or a path prefix (followed by "/", a quote, a space...), not
// where it is only the start of a longer name. It turns a solution's file
// into what its exercise twin should hold.
func RewritePath(text []byte, from, to string) []byte {
	if from == "" {
		return text
	}
	var b bytes.Buffer
	for {
		i := bytes.Index(text, []byte(from))
		if i < 0 {
			b.Write(text)
			return b.Bytes()
		}
		end := i + len(from)
		partOfLonger := (i > 0 && (isNameByte(text[i-1]) || text[i-1] == '.')) ||
			(end < len(text) && isNameByte(text[end]))
		b.Write(text[:i])
		if partOfLonger {
			b.WriteString(from)
		} else {
			b.WriteString(to)
		}
		text = text[end:]
	}
}

// isNameByte reports whether c may continue an element of a module path.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '~'
}

// Within reports whether import path p is modulePath or a package below it.
func Within(p, modulePath string) bool {
	return p == modulePath || strings.HasPrefix(p, modulePath+"/")
}
