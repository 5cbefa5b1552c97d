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
// for single-valued settings, every one for rename-command, save, user, include, …). `include`
// is recorded, not followed. Spans: ["directives", i] has the name as Key and the arguments as
// Value; ["directives", i, "args", j] is argument j. The root [] spans line 1.
//
// A line with unbalanced quotes is a parse error (Redis refuses to start on it too).
package redisconf
