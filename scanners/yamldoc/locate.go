package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	yaml4 "go.yaml.in/yaml/v4"
)

// yaml.v3 names only one line for a syntax error, and for a parser error ("did not find
// expected key") the line before the block that holds the mistake. yaml v4, the parser
// compose-go runs, keeps both marks of libyaml: where the construct began (the context) and
// where parsing stopped (the problem). Its error types are internal, so the marks are read
// from the text it prints: "yaml: [while … at <mark>: ]<mark>: problem", a mark being
// "line N[, column M]" with the column left out when it is the first.
var markedError = regexp.MustCompile(`^yaml: (?:while [^:]*? at (line \d+(?:, column \d+)?|<unknown position>): )?(line \d+(?:, column \d+)?)?(?:: )?(.*)`)

var markParts = regexp.MustCompile(`^line (\d+)(?:, column (\d+))?$`)

// locate is where the YAML in src stops being valid, by yaml v4, or ok false when v4 accepts
// it or names no position.
func locate(src []byte) (line, col int, ok bool) {
	dec := yaml4.NewDecoder(bytes.NewReader(src))
	for range maxDocuments {
		var n yaml4.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return 0, 0, false
		}
		if err != nil {
			return errorMark(err)
		}
	}
	return 0, 0, false
}

// errorMark reads the position an error of yaml v4 names: where parsing stopped, but where
// the construct began for one the file never closes (a quoted scalar, a flow list running to
// the end of the file), as the end of the file says nothing of where the mistake is.
func errorMark(err error) (line, col int, ok bool) {
	m := markedError.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, 0, false
	}
	contextMark, problemMark, problem := m[1], m[2], m[3]
	// The parser's marks count lines from 0 where the scanner's count from 1 (v4.0.0-rc.4);
	// the scanner's contexts are "while scanning …", the parser's "while parsing …".
	parser := fmt.Sprintf("%T", err) == "libyaml.ParserError"
	mark := problemMark
	if mark == "" || strings.Contains(problem, "end of stream") {
		mark = contextMark
	}
	p := markParts.FindStringSubmatch(mark)
	if p == nil {
		return 0, 0, false
	}
	line, _ = strconv.Atoi(p[1])
	col = 1
	if p[2] != "" {
		col, _ = strconv.Atoi(p[2])
	}
	if parser {
		line++
	}
	return line, col, line > 0
}
