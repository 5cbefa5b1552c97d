package nginx

import (
	"net"
	"strconv"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// inherited are the directives whose value a nested block inherits unless it sets its own.
var inherited = []string{
	"ssl_protocols", "ssl_ciphers", "ssl_certificate", "ssl_certificate_key", "ssl_client_certificate",
	"ssl_verify_client", "server_tokens", "proxy_ssl_verify", "proxy_ssl_protocols", "autoindex",
}

// scope is what a block inherits: the index of the directive that sets each setting, and the
// add_header directives in force (nginx replaces, not merges, them when a block has its own).
type scope struct {
	set        map[string]int
	addHeaders []int
}

func (s scope) child() scope {
	c := scope{set: map[string]int{}, addHeaders: s.addHeaders}
	for k, v := range s.set {
		c.set[k] = v
	}
	return c
}

type builder struct {
	// directives holds a Record of shape per directive: a million maps were most of the
	// memory of a file of a million directives.
	directives []any
	shape      *scanners.Shape
	// byName lists the directives of each name by index, so that a rule looks up the
	// few directives it judges instead of walking every directive of the file.
	byName map[string][]any
	// children lists each directive's children by index, in order: looking them up by
	// scanning every later directive made a server of many locations quadratic.
	children map[int][]int
	spans    scanners.Spans
	// dirSpans is the span of each directive, by index: Document.Lists["directives"].
	dirSpans []scanners.Span
	servers  []any
	docPath  string
	hasHTTP  bool
	secrets  []secret.Span
}

// directive is the data of directive k.
func (b *builder) directive(k int) scanners.Record {
	r, _ := b.directives[k].(scanners.Record)
	return r
}

// nameArgs are directive k's name and arguments.
func (b *builder) nameArgs(k int) (string, []string) {
	r := b.directive(k)
	name, _ := r.Get("name")
	args, _ := r.Get("args")
	n, _ := name.(string)
	a, _ := args.([]any)
	return n, toStrings(a)
}

// add records a directive in the flat list and returns its index.
func (b *builder) add(d *directive, parent int, context string) int {
	k := len(b.directives)
	args := make([]any, len(d.args))
	for i, a := range d.args {
		args[i] = a
	}
	entry := b.shape.Of("name", d.name, "args", args, "line", d.line, "parent", parent, "context", context)
	spanPath := ""
	if d.included {
		entry.Set("file", d.file)
		spanPath = d.file
	}
	b.directives = append(b.directives, entry)
	b.byName[d.name] = append(b.byName[d.name], k)
	for _, n := range d.notes {
		n["at"] = k
	}
	b.children[parent] = append(b.children[parent], k)
	r := scanners.Range{Start: scanners.Position{Line: d.line, Column: d.col}, End: d.end}
	b.dirSpans = append(b.dirSpans, scanners.Span{Path: spanPath, Key: r, Value: r, ID: d.name})
	for _, sp := range argSecrets(d) {
		sp.Path = spanPath
		b.secrets = append(b.secrets, sp)
	}
	// The entry holds the arguments now; the parse tree is still walked for its blocks, so
	// let the collector have the rest of the directive while the document is built.
	d.args, d.argAt = nil, nil
	return k
}

// headerSetters set a header, a parameter or a variable named by their first argument to
// their second: "proxy_set_header Authorization VALUE", "fastcgi_param DB_PASSWORD VALUE",
// "set $api_token VALUE".
var headerSetters = map[string]bool{
	"proxy_set_header": true, "grpc_set_header": true, "add_header": true, "add_trailer": true,
	"fastcgi_param": true, "uwsgi_param": true, "scgi_param": true, "set": true,
}

// argSecrets marks the values of secret headers, parameters and variables, and what any
// argument carries by its shape: the password of "proxy_pass http://user:PASSWORD@app", an
// "Authorization: Basic …" in more_set_headers.
func argSecrets(d *directive) []secret.Span {
	var out []secret.Span
	for i, a := range d.args {
		if i >= len(d.argAt) {
			break
		}
		if i >= 1 && headerSetters[d.name] && secret.IsSecretName(strings.TrimPrefix(d.args[0], "$")) {
			if !secret.Plain(a) {
				out = append(out, argSecret(d.argAt[i], a, secret.Found{Start: 0, End: len(a)}))
			}
			continue
		}
		for _, f := range secret.InText(a) {
			out = append(out, argSecret(d.argAt[i], a, f))
		}
	}
	return out
}

// argSecret is the span of text[f.Start:f.End] of an argument written at p: exact when the
// argument is written as it reads (on one line, without escapes), else its whole text.
func argSecret(p argPos, text string, f secret.Found) secret.Span {
	start, end := p.start, p.end
	if p.quoted && end.Line == start.Line && end.Column-start.Column >= 2 {
		start.Column, end.Column = start.Column+1, end.Column-1
	}
	if start.Line == end.Line && end.Column-start.Column == len(text) {
		start.Column, end.Column = start.Column+f.Start, start.Column+f.End
	}
	return secret.Span{Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column, Value: text[f.Start:f.End]}
}

// build computes the document: every directive, and per server the effective settings.
func build(p string, tree []*directive, notes []any) *scanners.Document {
	n := countDirectives(tree)
	b := &builder{
		spans: scanners.Spans{}, children: map[int][]int{}, byName: map[string][]any{}, docPath: p,
		shape: scanners.NewShape("name", "args", "line", "parent", "context", "file", "proxy_ssl_verify"),
	}
	b.directives = make([]any, 0, n)
	b.dirSpans = make([]scanners.Span, 0, n)
	b.spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	for _, d := range tree {
		if d.name == "http" {
			b.hasHTTP = true
		}
	}
	// A file made only of server blocks is an http-level snippet (conf.d/*.conf).
	b.walk(tree, -1, "main", scope{set: map[string]int{}})
	if notes == nil {
		notes = []any{}
	}
	return &scanners.Document{
		Kind: "nginx",
		Path: p,
		Data: map[string]any{
			"directives":     b.directives,
			"by_name":        byName(b.byName),
			"servers":        b.servers,
			"has_http_block": b.hasHTTP,
			"include_notes":  notes,
		},
		Spans:   b.spans,
		Lists:   map[string][]scanners.Span{scanners.PathKey("directives"): b.dirSpans},
		Secrets: b.secrets,
	}
}

func (b *builder) walk(ds []*directive, parent int, context string, sc scope) {
	// Settings of this block apply to the whole block, wherever they appear in it.
	own := sc.child()
	var headers []int
	indexes := make([]int, len(ds))
	for i, d := range ds {
		indexes[i] = b.add(d, parent, context)
		for _, name := range inherited {
			if d.name == name {
				own.set[name] = indexes[i]
			}
		}
		if d.name == "add_header" {
			headers = append(headers, indexes[i])
		}
	}
	if len(headers) > 0 {
		own.addHeaders = headers
	}
	for i, d := range ds {
		if d.name == "proxy_pass" {
			// The proxy_ssl_verify in force here: set in this block or inherited.
			var verify any
			if v, ok := own.set["proxy_ssl_verify"]; ok {
				verify = v
			}
			b.directive(indexes[i]).Set("proxy_ssl_verify", verify)
		}
		if !d.isBlock {
			continue
		}
		k := indexes[i]
		switch {
		case d.name == "server" && (context == "http" || context == "stream" || context == "mail" || (context == "main" && !b.hasHTTP)):
			ctx := context
			if ctx == "main" {
				ctx = "http"
			}
			b.server(d, k, ctx, own)
		case d.name == "http" || d.name == "stream" || d.name == "mail":
			b.walk(d.block, k, d.name, own)
		default:
			b.walk(d.block, k, context+">"+d.name, own)
		}
	}
}

func (b *builder) server(d *directive, k int, context string, sc scope) {
	b.walk(d.block, k, context+">server", sc)
	own := sc.child()
	var headers []int
	srv := map[string]any{"at": k, "context": context}
	var listens, names, locations []any
	sslOn := false
	redirects, refuses := false, false
	for _, j := range b.children[k] {
		name, args := b.nameArgs(j)
		for _, n := range inherited {
			if name == n {
				own.set[n] = j
			}
		}
		switch name {
		case "add_header":
			headers = append(headers, j)
		case "listen":
			listens = append(listens, listen(j, args))
		case "server_name":
			for _, a := range args {
				names = append(names, a)
			}
		case "ssl":
			sslOn = len(args) == 1 && args[0] == "on"
		case "return", "rewrite":
			if httpsRedirect(name, args) {
				redirects = true
			}
			refuses = refuses || refusal(name, args)
		case "location":
			locations = append(locations, b.location(j, args))
		}
	}
	if len(headers) > 0 {
		own.addHeaders = headers
	}
	if sslOn {
		for _, l := range listens {
			l.(map[string]any)["ssl"] = true
		}
	}
	for _, n := range inherited {
		if v, ok := own.set[n]; ok {
			srv[n] = v
		} else {
			srv[n] = nil
		}
	}
	srv["hsts"] = nil
	for _, h := range own.addHeaders {
		_, args := b.nameArgs(h)
		if len(args) >= 2 && strings.EqualFold(args[0], "Strict-Transport-Security") {
			srv["hsts"] = h
			srv["hsts_max_age"] = maxAge(args[1])
		}
	}
	if listens == nil {
		listens = []any{}
	}
	if names == nil {
		names = []any{}
	}
	if locations == nil {
		locations = []any{}
	}
	srv["listens"] = listens
	srv["names"] = names
	srv["redirects_to_https"] = redirects
	srv["refuses"] = refuses
	srv["locations"] = locations
	b.servers = append(b.servers, srv)
}

func (b *builder) location(k int, args []string) map[string]any {
	loc := map[string]any{"at": k, "path": strings.Join(args, " "), "redirects_to_https": false, "refuses": false, "proxy_pass": nil, "acme": false}
	for _, a := range args {
		if strings.Contains(a, ".well-known/acme-challenge") {
			loc["acme"] = true
		}
	}
	for _, j := range b.children[k] {
		name, args := b.nameArgs(j)
		switch name {
		case "return", "rewrite":
			if httpsRedirect(name, args) {
				loc["redirects_to_https"] = true
			}
			if refusal(name, args) {
				loc["refuses"] = true
			}
		case "proxy_pass":
			loc["proxy_pass"] = j
		}
	}
	return loc
}

// httpsRedirect is true for `return 301 https://…` and `rewrite … https://… permanent|redirect`.
func httpsRedirect(name string, args []string) bool {
	if name == "return" {
		return len(args) == 2 && strings.HasPrefix(args[0], "30") && strings.HasPrefix(strings.ToLower(args[1]), "https://")
	}
	return len(args) >= 2 && strings.HasPrefix(strings.ToLower(args[1]), "https://")
}

// refusal is true for a `return` that answers with no content: 444 (nginx closes the
// connection without a response) or an error status (return 403, return 404 "…").
func refusal(name string, args []string) bool {
	if name != "return" || len(args) == 0 {
		return false
	}
	code, err := strconv.Atoi(args[0])
	return err == nil && code >= 400 && code <= 599
}

func listen(k int, args []string) map[string]any {
	l := map[string]any{"at": k, "address": "", "port": "80", "ssl": false, "http2": false, "default_server": false, "loopback": false}
	if len(args) == 0 {
		return l
	}
	addr := args[0]
	host, port := "", addr
	switch {
	case strings.HasPrefix(addr, "unix:"):
		host, port = addr, ""
		l["loopback"] = true
	case strings.HasPrefix(addr, "["):
		if i := strings.Index(addr, "]"); i >= 0 {
			host = addr[1:i]
			port = strings.TrimPrefix(addr[i+1:], ":")
		}
	case strings.Contains(addr, ":"):
		i := strings.LastIndex(addr, ":")
		host, port = addr[:i], addr[i+1:]
	case !isDigits(addr):
		host, port = addr, "80"
	}
	if port == "" && !strings.HasPrefix(addr, "unix:") {
		port = "80"
	}
	l["address"], l["port"] = host, port
	if host == "localhost" {
		l["loopback"] = true
	} else if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		l["loopback"] = true
	}
	for _, a := range args[1:] {
		switch a {
		case "ssl":
			l["ssl"] = true
		case "http2", "quic":
			l["http2"] = true
		case "default_server", "default":
			l["default_server"] = true
		}
	}
	return l
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// maxAge reads max-age=N from an HSTS header value; -1 when absent.
func maxAge(v string) int {
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(strings.ToLower(part))
		if strings.HasPrefix(part, "max-age=") {
			n := 0
			for _, c := range strings.Trim(strings.TrimPrefix(part, "max-age="), `"`) {
				if c < '0' || c > '9' {
					break
				}
				if n < 1<<30 {
					n = n*10 + int(c-'0')
				}
			}
			return n
		}
	}
	return -1
}

// countDirectives is how many directives tree holds, nested blocks included.
func countDirectives(tree []*directive) int {
	n := len(tree)
	for _, d := range tree {
		n += countDirectives(d.block)
	}
	return n
}

// byName is the by_name index as document data: a rule asks for input.data.by_name.listen.
func byName(m map[string][]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func toStrings(v []any) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i], _ = x.(string)
	}
	return out
}
