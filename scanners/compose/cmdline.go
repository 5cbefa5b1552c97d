package compose

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// This file reads a service's command line the way the container runs it: the entrypoint
// followed by the command, and, when that is a shell given a script (sh -c "…", bash -lc,
// su -c), every simple command of the script, parsed with mvdan.cc/sh (the shell parser of
// shfmt). What comes out is the list of flags each program is given, with their values, so
// rules read `--requirepass`, `--admin-password=…` or `-p…` as data instead of matching text.

// shellWord is one word of a command line: its literal text, with each expansion the shell
// performs at run time ($VAR, ${VAR:-x}, $(…), $((…))) replaced by expansionMark.
type shellWord struct {
	text string
	// exps names, for each expansionMark in text in order, the parameter it expands ("" for a
	// command substitution or arithmetic).
	exps []string
}

// expansionMark stands for a run-time expansion inside a word's text; no argument can hold it.
const expansionMark = "\x00"

func (w shellWord) literal() bool { return !strings.Contains(w.text, expansionMark) }

// vars lists the parameters the word expands, in order, without repeats.
func (w shellWord) vars() []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range w.exps {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Bounds on what one service's command line may cost.
const (
	maxScript      = 64 << 10 // bytes of one shell script parsed
	maxShellDepth  = 4        // sh -c "su -c 'bash -c …'" levels followed
	maxCommandArgs = 512      // flags kept per service
)

// argFlag is one flag found on a command line.
type argFlag struct {
	program string // the program given the flag (its base name), "" when not known
	name    string // the flag as written: "--requirepass", "-p"
	value   shellWord
	inline  bool // the value was written in the same word (--name=value, -pvalue)
	// elem is the index of the top-level argument (entrypoint then command) it came from, and
	// valueElem that of its value (the next argument, for a value given as its own word).
	elem, valueElem int
}

// shells take their script from the first operand when one of their options is -c.
var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true}

// wrappers run the program named after them (and their own options or arguments).
// The number is how many arguments (after their options) precede the program: gosu USER prog.
var wrappers = map[string]int{"exec": 0, "command": 0, "nohup": 0, "time": 0, "env": 0, "tini": 0, "dumb-init": 0, "gosu": 1, "su-exec": 1}

// commandLineFlags returns the flags of every program the command line runs; top holds the
// entrypoint's and command's words as compose resolved them.
func commandLineFlags(top []string) []argFlag {
	words := make([]shellWord, len(top))
	for i, s := range top {
		words[i] = shellWord{text: strings.ReplaceAll(s, expansionMark, "")}
	}
	elems := make([]int, len(top))
	for i := range elems {
		elems[i] = i
	}
	var out []argFlag
	simpleCommand(words, elems, 0, nil, &out)
	return out
}

// simpleCommand collects the flags of one command (words[0] is the program); elems maps each
// word to the top-level argument it came from; assigned holds the variables the enclosing
// scripts set themselves (PW=$(cat /run/secrets/pw); redis-server --requirepass "$PW"), which
// a value's vars then leave out: only what the container's environment must provide is listed.
func simpleCommand(words []shellWord, elems []int, depth int, assigned map[string]bool, out *[]argFlag) {
	// Unwrap exec, env, gosu USER, … down to the program they start.
	for len(words) > 0 {
		prog := path.Base(words[0].text)
		skip, ok := wrappers[prog]
		if !ok {
			break
		}
		i := 1
		for i < len(words) && (strings.HasPrefix(words[i].text, "-") || (prog == "env" && strings.Contains(words[i].text, "="))) {
			i++
		}
		i += skip
		if i >= len(words) {
			return
		}
		words, elems = words[i:], elems[i:]
	}
	if len(words) == 0 {
		return
	}
	prog := path.Base(words[0].text)
	if !words[0].literal() {
		prog = ""
	}
	if prog == "busybox" && len(words) > 1 && shells[words[1].text] { // busybox sh -c …
		words, elems = words[1:], elems[1:]
		prog = words[0].text
	}
	if script, at, ok := scriptOperand(prog, words); ok {
		if depth < maxShellDepth {
			cmds, set := scriptCommands(script)
			for v := range assigned {
				set[v] = true
			}
			for _, cmd := range cmds {
				inner := make([]int, len(cmd))
				for i := range inner {
					inner[i] = elems[at]
				}
				simpleCommand(cmd, inner, depth+1, set, out)
			}
		}
		return
	}
	if strings.HasPrefix(prog, "-") {
		prog = "" // the image's own entrypoint runs these arguments
		words, elems = append([]shellWord{{}}, words...), append([]int{elems[0]}, elems...)
	}
	for i := 1; i < len(words) && len(*out) < maxCommandArgs; i++ {
		t := words[i].text
		if len(t) < 2 || t[0] != '-' || t == "--" {
			continue
		}
		f := argFlag{program: prog, elem: elems[i], valueElem: elems[i]}
		if strings.HasPrefix(t, "--") {
			name, _, inline := strings.Cut(t, "=")
			if strings.Contains(name, expansionMark) {
				continue
			}
			f.name, f.inline = name, inline
			if inline {
				f.value = sliceWord(words[i], len(name)+1)
			}
		} else {
			if strings.HasPrefix(t[1:2], expansionMark) {
				continue
			}
			f.name = t[:2]
			if len(t) > 2 {
				f.value, f.inline = sliceWord(words[i], 2), true
			}
		}
		if !f.inline && i+1 < len(words) && !strings.HasPrefix(words[i+1].text, "-") {
			f.value, f.valueElem = words[i+1], elems[i+1]
		}
		f.value.exps = withoutAssigned(f.value.exps, assigned)
		*out = append(*out, f)
	}
}

// withoutAssigned blanks the expansions of variables the script sets itself.
func withoutAssigned(exps []string, assigned map[string]bool) []string {
	out := make([]string, len(exps))
	for i, v := range exps {
		if !assigned[v] {
			out[i] = v
		}
	}
	return out
}

// sliceWord is the part of a word from byte off on, with its expansions.
func sliceWord(w shellWord, off int) shellWord {
	before := strings.Count(w.text[:off], expansionMark)
	return shellWord{text: w.text[off:], exps: w.exps[min(before, len(w.exps)):]}
}

// scriptOperand finds the script a shell (sh -c SCRIPT, bash -lc SCRIPT) or su/runuser
// (-c SCRIPT, --command=SCRIPT) is given: the script and the index of its word.
func scriptOperand(prog string, words []shellWord) (shellWord, int, bool) {
	switch {
	case shells[prog]:
		hasC := false
		for i := 1; i < len(words); i++ {
			t := words[i].text
			switch {
			case t == "--":
				if hasC && i+1 < len(words) {
					return words[i+1], i + 1, true
				}
				return shellWord{}, 0, false
			case t == "-o" || t == "+o" || t == "-O" || t == "+O":
				i++ // the option's name
			case strings.HasPrefix(t, "--"):
				// a long option (--login, --noprofile)
			case strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+"):
				hasC = hasC || strings.Contains(t[1:], "c")
			default:
				return words[i], i, hasC
			}
		}
	case prog == "su" || prog == "runuser":
		for i := 1; i < len(words); i++ {
			t := words[i].text
			switch {
			case (t == "-c" || t == "--command") && i+1 < len(words):
				return words[i+1], i + 1, true
			case strings.HasPrefix(t, "--command="):
				return sliceWord(words[i], len("--command=")), i, true
			}
		}
	}
	return shellWord{}, 0, false
}

// scriptCommands parses a shell script and returns the words of each simple command in it,
// command substitutions included, and the variables the script assigns (X=…, export X=…,
// read X, for X in …). A script the parser refuses is read as one command of blank-separated
// words, so its flags are still seen.
func scriptCommands(script shellWord) (cmds [][]shellWord, assigned map[string]bool) {
	assigned = map[string]bool{}
	text := script.text
	if len(text) > maxScript {
		return nil, assigned
	}
	// A run-time expansion of the outer command line stays one inside the script.
	if strings.Contains(text, expansionMark) {
		var b strings.Builder
		n := 0
		for _, part := range strings.SplitAfter(text, expansionMark) {
			if !strings.HasSuffix(part, expansionMark) {
				b.WriteString(part)
				continue
			}
			b.WriteString(strings.TrimSuffix(part, expansionMark))
			if n < len(script.exps) && script.exps[n] != "" {
				b.WriteString("${" + script.exps[n] + "}")
			} else {
				b.WriteString("$(:)")
			}
			n++
		}
		text = b.String()
	}
	defer func() {
		if recover() != nil {
			cmds = fieldsCommand(text)
		}
	}()
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), "")
	if err != nil {
		return fieldsCommand(text), assigned
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.Assign:
			if x.Name != nil {
				assigned[x.Name.Value] = true
			}
		case *syntax.ForClause:
			if wi, ok := x.Loop.(*syntax.WordIter); ok && wi.Name != nil {
				assigned[wi.Name.Value] = true
			}
		case *syntax.CallExpr:
			if len(x.Args) == 0 {
				break
			}
			words := make([]shellWord, len(x.Args))
			for i, a := range x.Args {
				words[i] = wordOf(a)
			}
			if words[0].text == "read" {
				for _, w := range words[1:] {
					if !strings.HasPrefix(w.text, "-") {
						assigned[w.text] = true
					}
				}
			}
			cmds = append(cmds, words)
		}
		return true
	})
	return cmds, assigned
}

func fieldsCommand(text string) [][]shellWord {
	var words []shellWord
	for _, f := range strings.Fields(text) {
		words = append(words, shellWord{text: strings.Trim(f, `"'`)})
	}
	if len(words) == 0 {
		return nil
	}
	return [][]shellWord{words}
}

// wordOf turns a parsed shell word into its literal text (quotes removed, escapes applied)
// with its run-time expansions marked.
func wordOf(w *syntax.Word) shellWord {
	var b strings.Builder
	var exps []string
	var parts func(ps []syntax.WordPart, quoted bool)
	parts = func(ps []syntax.WordPart, quoted bool) {
		for _, p := range ps {
			switch x := p.(type) {
			case *syntax.Lit:
				b.WriteString(unescapeShell(x.Value, quoted))
			case *syntax.SglQuoted:
				b.WriteString(x.Value)
			case *syntax.DblQuoted:
				parts(x.Parts, true)
			case *syntax.ParamExp:
				b.WriteString(expansionMark)
				name := ""
				if x.Param != nil {
					name = x.Param.Value
				}
				exps = append(exps, name)
			default: // $(…), `…`, $((…)), <(…), globs and braces the shell expands
				b.WriteString(expansionMark)
				exps = append(exps, "")
			}
		}
	}
	parts(w.Parts, false)
	return shellWord{text: b.String(), exps: exps}
}

// unescapeShell applies the backslashes of a literal: outside quotes a backslash keeps the
// next character; inside double quotes only before $ ` " \ and a newline.
func unescapeShell(s string, quoted bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		next := s[i+1]
		switch {
		case next == '\n':
			i++
		case !quoted || strings.IndexByte("$`\"\\", next) >= 0:
			b.WriteByte(next)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
