// Package redisconf parses redis.conf files as Redis 7 reads them (config.c): each line is
// trimmed, blank lines and lines starting with `#` are skipped, and the rest is split into
// arguments with Redis's own quoting rules (sdssplitargs: "…" with \n \r \t \b \a \\ \" \xHH
// escapes, '…' with \' only; a closing quote must be followed by a space or the end of line).
// Directive names are case-insensitive and given lower-case.
//
// Data shape (the `input.data` of rules of kind "redis-conf"):
//
//	{
//	  "directives": [
//	    {"name": "bind", "args": ["0.0.0.0", "-::1"], "line": 1}
//	  ]
//	}
//
// Directives keep file order; a directive given twice appears twice (Redis applies the last one
// for single-valued settings, every one for rename-command, save, user, include, …). An
// `include` whose (relative, possibly glob) path resolves inside the scan root is read inline
// right after it, as Redis does: its directives carry "file" and their spans that file's path.
// Absolute include paths name the container's filesystem and are not followed; each file is
// read once (no cycles) and nesting stops at 10 levels. Includes are read through the scan's
// reader (package confine); what it refuses is listed in Document.Skipped: the file itself
// (too large, over the budget, not regular, a symlink out of the root), or the including file
// with the pattern as written when the pattern leads out of the root. Spans: ["directives", i] has the name
// as Key and the arguments as Value; ["directives", i, "args", j] is argument j. The root []
// spans line 1.
//
// A line with unbalanced quotes is a parse error (Redis refuses to start on it too).
package redisconf
