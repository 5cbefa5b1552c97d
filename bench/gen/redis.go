package main

import "fmt"

// usersACL renders redis/users.acl, the file redis.conf's aclfile names. Redis refuses comment
// lines in it, so only a faulty stack has one.
func (s *stack) usersACL() string {
	var t text
	if s.has(aclComment) {
		t.f("# users for %s, see .env", s.project)
	}
	pw := func(v string) string {
		if s.has(aclCleartext) {
			return ">" + v
		}
		return "#" + sha256Hex(v)
	}
	t.f("user healthcheck on nopass -@all +ping")
	appPass := s.redisPass
	if s.has(aclMismatch) {
		appPass = s.secret(24) // rotated in users.acl, not in .env
	}
	switch s.flavor {
	case cosmos:
		t.f("user %s on %s allkeys allchannels -@all +@read +@write +@pubsub +@connection +@transaction +info", s.redisUser, pw(appPass))
		t.f("user scriptrunner on %s resetkeys resetchannels ~running-script* ~*script-locks ~*script-breakpoints ~*openc3_log_messages &__anycable__ &_action_cable_internal &script-api:* -@all +@read +@write +@pubsub +@hash +@connection", pw(s.srPass))
	case webapp:
		t.f("user %s on %s ~%s:* ~sidekiq:* ~cache:* &%s:* -@all +@read +@write +@list +@hash +@set +@sortedset +@pubsub +@connection +@transaction +@scripting -flushdb -flushall", s.redisUser, pw(appPass), s.redisUser, s.redisUser)
		if s.chance(0.5) {
			t.f("user metrics on %s -@all +info +ping +client|list +config|get +slowlog|get +latency|latest", pw(s.secret(24)))
		}
	case fetchml:
		t.f("user %s on %s ~task:* ~queue:* ~worker:* ~result:* &events:* -@all +@read +@write +@list +@stream +@pubsub +@connection +@transaction", s.redisUser, pw(appPass))
		t.f("user worker on %s ~task:* ~queue:* ~result:* -@all +@read +@write +@list +@stream +@connection", pw(s.secret(24)))
	}
	if s.has(aclAdmin) {
		t.f("user admin on %s +@all ~* &*", pw(s.secret(20)))
	}
	if s.has(aclDefaultOpen) {
		t.f("user default on nopass ~* &* +@all")
	} else {
		t.f("user default off")
	}
	return t.String()
}

// redisConf renders redis/redis.conf, about 40–60 lines like a trimmed copy of the stock file.
func (s *stack) redisConf() string {
	var t text
	t.f("# Redis configuration for %s", s.project)
	t.f("# Based on the redis.conf shipped with Redis 7.2; only the settings that differ are kept.")
	t.f("")
	t.f("################################## NETWORK #####################################")
	if s.has(rdsUnprotected) {
		t.lines("bind 0.0.0.0", "protected-mode no")
	} else {
		t.lines("# Containers reach Redis over the compose network only.", "bind * -::*", "protected-mode yes")
	}
	t.lines("port 6379", "tcp-backlog 511", "timeout 0", "tcp-keepalive 300", "")
	t.lines("################################# GENERAL #####################################",
		"daemonize no", "loglevel notice", `logfile ""`, "databases 16", "")
	t.lines("################################ SNAPSHOTTING  ################################",
		"save 3600 1 300 100 60 10000", "stop-writes-on-bgsave-error yes", "rdbcompression yes",
		"rdbchecksum yes", "dbfilename dump.rdb", "dir /data", "")
	t.f("################################## SECURITY ###################################")
	switch {
	case s.has(rdsNoAuth):
		t.lines("# requirepass foobared", "# aclfile /usr/local/etc/redis/users.acl")
	case s.has(rdsFoobared):
		t.lines("requirepass foobared")
	default:
		t.lines("# Users and passwords (SHA-256) live in the ACL file, mounted read-only.",
			"aclfile /usr/local/etc/redis/users.acl", "acllog-max-len 128")
	}
	if !s.noRename {
		t.lines(`rename-command FLUSHALL ""`, `rename-command FLUSHDB ""`, `rename-command DEBUG ""`)
	}
	t.f("")
	t.lines("################################### CLIENTS ####################################",
		fmt.Sprintf("maxclients %d", 1000*(1+s.r.IntN(10))), "")
	t.lines("############################## MEMORY MANAGEMENT ################################",
		fmt.Sprintf("maxmemory %dmb", 128<<s.r.IntN(4)),
		"maxmemory-policy "+s.pick("allkeys-lru", "volatile-lru", "noeviction"),
		"lazyfree-lazy-eviction yes", "lazyfree-lazy-expire yes", "")
	t.lines("############################## APPEND ONLY MODE ###############################",
		"appendonly yes", `appendfilename "appendonly.aof"`, "appendfsync everysec",
		"auto-aof-rewrite-percentage 100", "auto-aof-rewrite-min-size 64mb", "")
	t.lines("################################## SLOW LOG ###################################",
		"slowlog-log-slower-than 10000", "slowlog-max-len 128", "latency-monitor-threshold 0",
		`notify-keyspace-events ""`, "hz 10", "dynamic-hz yes")
	return t.String()
}
