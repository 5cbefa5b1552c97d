#!/usr/bin/env bash
# deploylint benchmark harness: builds deploylint, writes a corpus of synthetic deployment
# stacks (bench/gen) outside any git work tree, and measures
#   - the full scan of the corpus (JSON report, every rule),
#   - the same scan with --parse-only (read and parse every file, evaluate no rule),
#   - the scan of one stack (the pre-commit case),
#   - the full scan of a tenth of the corpus (linearity check).
# Wall time is the best of 3 runs (10 for the single stack); peak RSS is the highest of those
# runs; CPU is (user+sys)/wall of the fastest run.
#
# Usage: bash bench/run.sh            (BENCH_STACKS=1000 stacks by default)
#        BENCH_STACKS=200 bash bench/run.sh
# Needs go, the module cache filled (go mod download) and GNU time (/usr/bin/time; apt-get
# install time); it uses no network.
set -euo pipefail
export LC_ALL=C # a decimal point in EPOCHREALTIME and awk, whatever the locale

stacks=${BENCH_STACKS:-1000}
seed=${BENCH_SEED:-1}
if ! [[ $stacks =~ ^[1-9][0-9]*$ ]]; then
	echo "bench/run.sh: BENCH_STACKS must be a positive integer, not '$stacks'" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f '%e' -o /dev/null true 2>/dev/null; then
	echo "bench/run.sh: GNU time is required at /usr/bin/time: apt-get install time" >&2
	exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The corpus must lie outside any git work tree, so that deploylint's git checks (FS002) are
# not part of what is measured; mktemp under /tmp, whatever TMPDIR says.
tmp=$(mktemp -d /tmp/deploylint-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp
while :; do
	if [[ -e $dir/.git ]]; then
		echo "bench/run.sh: $tmp lies inside the git work tree $dir" >&2
		exit 2
	fi
	[[ $dir == / ]] && break
	dir=$(dirname "$dir")
done

# Offline: the module cache must hold the dependencies (go mod download once); nothing is fetched.
export GOPROXY=off GOTOOLCHAIN=local
go build -o "$tmp/deploylint" ./cmd/deploylint
go build -o "$tmp/gen" ./bench/gen
go build -o "$tmp/composefloor" ./bench/composefloor
go build -o "$tmp/yamlfloor" ./bench/yamlfloor
# Conftest, the general-purpose policy runner, with a small policy set of its own
# (bench/conftest: 15 rules on compose files and .env), pinned in tools/conftest/go.mod. Its
# module graph is large: when the module cache lacks it (go mod download -modfile
# tools/conftest/go.mod), the comparison is skipped with a message, not the benchmark.
conftest=""
if go build -modfile=tools/conftest/go.mod -o "$tmp/conftest" github.com/open-policy-agent/conftest 2>"$tmp/conftest.err"; then
	conftest=$tmp/conftest
else
	echo "bench/run.sh: Conftest not built (fill the module cache: go mod download -modfile=tools/conftest/go.mod); its rows are skipped" >&2
fi
dl=$tmp/deploylint

small=$((stacks / 10))
((small >= 1)) || small=1
"$tmp/gen" -n "$stacks" -seed "$seed" -out "$tmp/corpus" >"$tmp/gen.out"
"$tmp/gen" -n "$small" -seed "$seed" -out "$tmp/corpus-small" >"$tmp/gen-small.out"
# gen prints "wrote F files (S MB) in N stacks under DIR: C clean, B faulty" and
# "deploylint reports R files as scanned: the other I (nginx conf.d files) are read ...".
read -r written mb clean faulty < <(awk '/^wrote /{gsub(/[(,:]/, " "); print $2, $4, $(NF-3), $(NF-1)}' "$tmp/gen.out")
read -r reported included < <(awk '/^deploylint reports /{print $3, $9}' "$tmp/gen.out")
small_written=$(awk '/^wrote /{print $2}' "$tmp/gen-small.out")
stack1=$tmp/corpus/stack-00001
stack1_files=$(find "$stack1" -type f | wc -l)

full=(scan --format json --no-check-permissions --fail-on never)
parse=(scan --format json --no-check-permissions --parse-only --fail-on never)

# One untimed full scan: it warms the page cache and checks that every generated file was
# scanned (the JSON summary counts the files reported on).
"$dl" "${full[@]}" -o "$tmp/report.json" "$tmp/corpus"
got=$(grep -o '"files": [0-9]*' "$tmp/report.json" | tail -1 | grep -o '[0-9]*$')
findings=$(grep -o '"findings": [0-9]*' "$tmp/report.json" | tail -1 | grep -o '[0-9]*$')
if [[ $got != "$reported" ]]; then
	echo "bench/run.sh: deploylint scanned $got files, the corpus has $reported to report on" >&2
	exit 1
fi
"$dl" "${full[@]}" "$tmp/corpus-small" >/dev/null

# measure RUNS CMD...: runs CMD RUNS times; prints "wall_s rss_kb user_s sys_s": the fastest
# run's wall, user and sys times, the highest peak RSS of all runs. Wall time is taken from
# EPOCHREALTIME (microseconds); /usr/bin/time gives RSS, user and sys.
measure() {
	local runs=$1 i start end wall rss user sys
	shift
	local best_wall="" best_user="" best_sys="" max_rss=0
	for ((i = 0; i < runs; i++)); do
		start=$EPOCHREALTIME
		/usr/bin/time -f '%M %U %S' -o "$tmp/time" "$@" >/dev/null
		end=$EPOCHREALTIME
		read -r rss user sys <"$tmp/time"
		wall=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.4f", b - a}')
		if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN{exit !(a < b)}'; then
			best_wall=$wall best_user=$user best_sys=$sys
		fi
		((rss > max_rss)) && max_rss=$rss
	done
	echo "$best_wall $max_rss $best_user $best_sys"
}

# loadavg is the 1-minute load average: other work on the machine slows every measurement.
loadavg() { if [[ -r /proc/loadavg ]]; then cut -d' ' -f1 /proc/loadavg; else echo "?"; fi; }

load_before=$(loadavg)
read -r full_wall full_rss full_user full_sys < <(measure 3 "$dl" "${full[@]}" "$tmp/corpus")
read -r parse_wall parse_rss parse_user parse_sys < <(measure 3 "$dl" "${parse[@]}" "$tmp/corpus")
read -r one_wall one_rss one_user one_sys < <(measure 10 "$dl" "${full[@]}" "$stack1")
# A commit that touches one file: the pre-commit hook names it (and deploylint reads the .env
# beside a named compose file as context).
read -r env_wall env_rss env_user env_sys < <(measure 10 "$dl" "${full[@]}" "$stack1/.env")
read -r ver_wall _ < <(measure 10 "$dl" version)
# A monorepo's pre-commit run: the same .env in a git work tree of 50,000 tracked files, so
# reading the git index (is the .env committed?) is part of the measure. Skipped without git.
mono_wall=""
if command -v git >/dev/null; then
	mono=$tmp/monorepo
	mkdir -p "$mono/deploy"
	for ((d = 0; d < 500; d++)); do
		mkdir -p "$mono/src/p$d"
		(cd "$mono/src/p$d" && touch f{0..99}.go)
	done
	cp "$stack1/.env" "$mono/deploy/.env"
	(cd "$mono" && git init -q && GIT_CONFIG_GLOBAL=/dev/null git add -A)
	read -r mono_wall _ < <(measure 10 "$dl" "${full[@]}" "$mono/deploy/.env")
fi
# The same stack's compose file loaded by compose-go alone (bench/composefloor).
stack1_compose=$(find "$stack1" -maxdepth 1 -name '*compose*.y*ml' | sort | head -1)
read -r floor_wall _ < <(measure 10 "$tmp/composefloor" "$stack1_compose")
read -r small_wall small_rss small_user small_sys < <(measure 3 "$dl" "${full[@]}" "$tmp/corpus-small")
# The floor: every file read, the YAML ones parsed by yaml.v3 into nodes (bench/yamlfloor).
read -r yfloor_wall yfloor_rss yfloor_user yfloor_sys < <(measure 3 "$tmp/yamlfloor" "$tmp/corpus")
# Conftest and deploylint on the files Conftest can parse: every compose file and .env.
ct_wall=""
if [[ -n $conftest ]]; then
	mapfile -t ctfiles < <(find "$tmp/corpus" -type f \( -name '*compose*.y*ml' -o -name '.env' \) | sort)
	read -r ct_wall ct_rss ct_user ct_sys < <(measure 3 "$conftest" test --no-fail --no-color --all-namespaces -p bench/conftest "${ctfiles[@]}")
	read -r dlct_wall dlct_rss dlct_user dlct_sys < <(measure 3 "$dl" "${full[@]}" "${ctfiles[@]}")
fi
load_after=$(loadavg)

cpus=$(nproc)
version=$("$dl" version 2>/dev/null | head -1 || true)

row() { # name files wall rss user sys
	awk -v n="$1" -v f="$2" -v w="$3" -v r="$4" -v u="$5" -v s="$6" 'BEGIN{
		printf "%-24s %6d %7.2f %8.0f %12.1f %6.2f %10.2f\n", n, f, w, f / w, r / 1024, u + s, (u + s) / w }'
}

echo "deploylint benchmark: ${version:-deploylint}, $cpus CPUs, $(go env GOVERSION)"
echo "corpus: $stacks stacks (seed $seed: $clean clean, $faulty faulty), $written files, $mb MB"
echo "        deploylint reports $reported files scanned and $findings findings; the other $included files are"
echo "        nginx conf.d includes, read and judged within their nginx.conf"
echo
printf "%-24s %6s %7s %8s %12s %6s %10s\n" "" "files" "wall s" "files/s" "peak RSS MB" "CPU s" "CPU cores"
row "full scan (JSON)" "$written" "$full_wall" "$full_rss" "$full_user" "$full_sys"
row "parse only" "$written" "$parse_wall" "$parse_rss" "$parse_user" "$parse_sys"
row "full scan, 1/10 corpus" "$small_written" "$small_wall" "$small_rss" "$small_user" "$small_sys"
row "yaml.v3 read+parse floor" "$written" "$yfloor_wall" "$yfloor_rss" "$yfloor_user" "$yfloor_sys"
if [[ -n $ct_wall ]]; then
	row "conftest, compose+.env" "${#ctfiles[@]}" "$ct_wall" "$ct_rss" "$ct_user" "$ct_sys"
	row "deploylint, same files" "${#ctfiles[@]}" "$dlct_wall" "$dlct_rss" "$dlct_user" "$dlct_sys"
fi
echo
awk -v f="$full_wall" -v p="$yfloor_wall" 'BEGIN{
	printf "full / yaml.v3 floor:      %.1fx wall time (target: at most 10x)\n", f / p }'
if [[ -n $ct_wall ]]; then
	awk -v c="$ct_wall" -v d="$dlct_wall" 'BEGIN{
	printf "conftest / deploylint:     %.1fx wall time on the same compose and .env files (target: at least 3x)\n", c / d }'
fi
awk -v f="$full_wall" -v p="$parse_wall" -v cf="$full_user $full_sys" -v cp="$parse_user $parse_sys" 'BEGIN{
	split(cf, a, " "); split(cp, b, " ")
	printf "full / parse only:         %.1fx wall time, %.1fx CPU time (the rules, compiled and evaluated, cost %.2f s of %.2f s)\n",
		f / p, (a[1] + a[2]) / (b[1] + b[2]), f - p, f }'
awk -v w="$one_wall" -v r="$one_rss" -v u="$one_user" -v s="$one_sys" -v n="$stack1_files" 'BEGIN{
	printf "single stack (pre-commit): %.0f ms wall (best of 10), %d files, %.1f MB peak RSS, %.2f CPU cores\n", w * 1000, n, r / 1024, (u + s) / w }'
awk -v w="$env_wall" -v r="$env_rss" -v u="$env_user" -v s="$env_sys" 'BEGIN{
	printf "one named file (.env):     %.0f ms wall (best of 10), %.1f MB peak RSS, %.2f CPU cores\n", w * 1000, r / 1024, (u + s) / w }'
if [[ -n $mono_wall ]]; then
	awk -v w="$mono_wall" 'BEGIN{
	printf "one named file, monorepo:  %.0f ms wall (best of 10): the same .env in a git work tree of 50,000 tracked files\n", w * 1000 }'
fi
awk -v w="$ver_wall" 'BEGIN{
	printf "process floor:             %.0f ms wall (best of 10) for deploylint version: Go start-up and package initialisation\n", w * 1000 }'
awk -v w="$floor_wall" -v f="${stack1_compose#"$stack1"/}" 'BEGIN{
	printf "compose-go alone:          %.0f ms wall (best of 10): bench/composefloor loads the stack'"'"'s %s with compose-go'"'"'s loader and exits: a fresh process pays compose-go'"'"'s one-time schema compilation\n", w * 1000, f }'
awk -v s="$small_wall" -v f="$full_wall" -v cs="$small_user $small_sys" -v cf="$full_user $full_sys" \
	-v a="$small_written" -v b="$written" 'BEGIN{
	split(cs, p, " "); split(cf, q, " ")
	x = b / a; t = f / s; c = (q[1] + q[2]) / (p[1] + p[2])
	printf "linearity, %d vs %d files (%.1fx): wall time %.1fx (%s), CPU time %.1fx (%s)\n", b, a, x,
		t, (t <= 1.1 * x ? "ok" : "WORSE THAN LINEAR"), c, (c <= 1.1 * x ? "ok" : "WORSE THAN LINEAR")
	print "        (ok: at most 1.1x proportional, i.e. 11x for 10x files; CPU time is the one other load on the machine does not skew)" }'
echo "CPU s = user + sys of the fastest run; CPU cores = CPU s / wall: $cpus means every core busy for the whole run."
echo "load average (1 min) when measuring started: $load_before, when it ended: $load_after (other work on the machine slows every row)"
