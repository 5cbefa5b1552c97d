// Package compose reads docker-compose files with compose-go v2, the library docker compose
// itself uses, so values are what `docker compose` would run: the project's .env interpolated
// (never the process environment), defaults applied, every profile included. Positions come
// from a walk over the YAML source, mapped onto the loaded model.
//
// compose-go is used as parts (parts.go): the YAML decoded once with positions, values
// interpolated with its template package, ports through types.ParsePortConfig, volumes
// through format.ParseVolume, an override merged with override.Merge, env_file read with its
// dotenv parser. Its full loader (loader.LoadWithContext, with its JSON schema) runs only
// where the parts cannot answer: extends, include, !reset and !override tags, several YAML
// documents, pre_start hooks, a value of a shape the parts do not know, a file compose refuses
// as written (then audited with stand-ins for its unset variables); and for every file in
// strict mode (Options.Strict, the CLI's --strict-compose). Which path loads a file depends on
// that file alone; TestPartsMatchLoader and FuzzPartsMatchLoader hold the two to the same
// document.
//
// Data shape (the `input.data` of rules of kind "compose"):
//
//	{
//	  "services": {
//	    "redis": {
//	      "image": "redis:7",
//	      "image_repo": "redis",                       // no registry default, tag or digest
//	      "ports": [ {"host_ip": "", "published": "6379", "target": 6379, "protocol": "tcp",
//	                  "unset_variable": false} ],   // true: the entry uses a variable set nowhere
//	      "expose": ["6379"],
//	      "environment": {"REDIS_PASSWORD": "…", "UNSET": null},
//	      "environment_origin": {"REDIS_PASSWORD": "dotenv", "UNSET": "host"},  // literal, default,
//	                                                   // dotenv, unset, host or env_file
//	      "volumes": [ {"type": "bind", "source": "./users.acl", "target": "/etc/redis/users.acl", "read_only": true} ],
//	      "network_mode": "",
//	      "command": ["redis-server", "--aclfile", "/etc/redis/users.acl"],
//	      "command_raw": "redis-server --aclfile /etc/redis/users.acl",  // before interpolation
//	      "environment_weak": {"MYSQL_ROOT_PASSWORD": true},  // secret-named, written here (or its
//	                                 // ${VAR:-fallback}), and rated guessable by zxcvbn
//	      "command_flags": [ {"program": "redis-server", "name": "--aclfile",
//	                          "value": "/etc/redis/users.acl", "origin": "literal", "vars": [],
//	                          "secret": false, "weak": false} ]
//	                       // every flag the entrypoint + command give a program, the scripts of
//	                       // sh -c / bash -c / su -c included (parsed with mvdan.cc/sh); origin:
//	                       // literal, default, interpolated (from .env: judged there) or shell
//	                       // (expanded at run time from the container's environment: vars)
//	      "env_files_unread": false  // true: it has env_file entries the scan could not read
//	                                 // (outside the root), so environment may lack their variables
//	    }
//	  },
//	  "unset_variables": ["HTTP_PORT"],  // referenced, set nowhere; audited with a stand-in value
//	  "required_unset": ["REDIS_PASSWORD"]  // of those, the ones written ${VAR:?…}; span at first use
//	}
//
// Spans: ["services", s] is the service key; ["services", s, "ports", i] is the source entry
// the resolved port i came from (a short-syntax range yields several ports from one entry);
// ["services", s, "environment", NAME] is the entry that set NAME, or, when its value was
// interpolated from the project's .env, the .env line that holds it (Span.Path is then the
// .env path); ["services", s, "volumes", i], ["services", s, "image"], ["services", s,
// "network_mode"] and ["services", s, "command"] point at their source; ["services", s,
// "command_flags", i] at the flag itself, on its own line inside a multi-line script.
//
// Bind mounts of files inside the scan root are listed in Document.Binds as
// "service:/container/path" → root-relative path; the pipeline then hands rules the mounted
// documents it scanned as input.mounts["service:/container/path"] = {path, kind, data}, so
// CMP004 and CMP005 judge the real mounted users.acl, redis.conf or Traefik configuration.
//
// Every file read beside the compose file (the .env, the override, env_file entries, the
// extends chain) comes through the scan's reader (package confine): inside the scan root, a
// regular file, within --max-file-size and the scan's budget. One it refuses is left out and
// listed in Document.Skipped (a file named outside the root under the compose file's own name,
// the path as written in the reason). env_file bytes are parsed by compose-go's dotenv parser
// with compose's precedence; the extends chain is read ahead by the reader because compose-go
// opens extends files by path itself, and extends is not followed when any file of the chain
// is refused.
//
// What this scanner does not do yet: follow `include`, and load `extends` or `env_file` that
// lie outside the scan root (those are skipped, never read).
package compose
