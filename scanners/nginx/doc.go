// Package nginx parses nginx configuration with nginx's own grammar (ngx_conf_read_token:
// blanks, ";" "{" "}", "#" comments at the start of a word, quotes with escapes, "${var}",
// "}" inside a word kept, ")" allowed after a quoted argument, no nested blocks inside map,
// types, geo, split_clients and charset_map, *_by_lua_block bodies skipped as Lua), and
// computes the effective configuration of every server as nginx inherits it. Parse errors
// carry the line nginx -t names for the same file (checked against the real nginx in tests).
//
// Includes are read inline by ParseFile: relative paths against the main file's directory
// (nginx's conf prefix), /etc/nginx/… mapped onto that directory (the usual image layout),
// globs in order, only inside the scan root, each file once, 10 levels at most; the included
// files are then judged in their includer's context only (Document.Consumed). They are read
// through the scan's reader (package confine): an include it refuses is noted in
// include_notes (NGX011; rules about absent settings then stay quiet), with one reason for
// every path that leads out of the root, whether or not anything lies there; an included file
// of the tree that is too large, over the budget or not a regular file is also listed in
// Document.Skipped.
//
// Data shape (the `input.data` of rules of kind "nginx"):
//
//	{
//	  "directives": [ {"name": "ssl_protocols", "args": ["TLSv1.2"], "line": 7,
//	                   "parent": 3, "context": "http>server", "file": "conf.d/a.conf"} ],
//	  "servers": [ {
//	      "at": 3, "context": "http",           // index of the server directive; http|stream|mail
//	      "listens": [ {"at": 4, "address": "", "port": "443", "ssl": true, "http2": true,
//	                    "default_server": false, "loopback": false} ],
//	      "names": ["example.org"],
//	      "ssl_protocols": 7, "ssl_ciphers": null, "ssl_certificate": 9, …   // index of the
//	                  // directive in force (inherited from http when the server sets none)
//	      "hsts": 12, "hsts_max_age": 31536000,   // effective add_header Strict-Transport-Security
//	      "redirects_to_https": false,            // server-level return 30x https:// / rewrite
//	      "refuses": false,   // server-level return 444 (close) or an error status: serves nothing
//	      "locations": [ {"at": 15, "path": "/", "acme": false, "redirects_to_https": false,
//	                      "refuses": false, "proxy_pass": 16} ]
//	  } ],
//	  "has_http_block": true,
//	  "include_notes": [ {"line": 20, "include": "/etc/ssl/x.conf", "reason": "…"} ]
//	}
//
// Inherited settings: ssl_protocols, ssl_ciphers, ssl_certificate(_key),
// ssl_client_certificate, ssl_verify_client, server_tokens, proxy_ssl_verify,
// proxy_ssl_protocols, autoindex; add_header sets are replaced, not merged, by a block that has
// its own. Spans: ["directives", k] is directive k (in its own file); ["servers", i] falls back
// to the root, so rules report at ["directives", server.at].
package nginx
