# METADATA
# title: redis.conf test inputs
# description: Builders for the input of redis.conf rule tests, in the shape scanners/redisconf documents.
package deploylint.test.redisconf

# conf is a redis.conf with one directive a line, each written [name, arg...].
conf(lines) := {"kind": "redis-conf", "data": {"directives": [d |
	some i, x in lines
	d := {"name": x[0], "args": array.slice(x, 1, count(x)), "line": i + 1}
]}}
