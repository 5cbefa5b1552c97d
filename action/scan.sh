#!/usr/bin/env bash
# Scans INPUT_PATH once: the log format (annotations by default) on standard output, whose exit
# code decides the step, and from the same findings the SARIF report for code scanning, the
# Markdown job summary and the JSON that gives the findings count.
set -uo pipefail
bin="${DEPLOYLINT:?DEPLOYLINT (the binary) is not set}"
cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}" || exit 2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sarif="${INPUT_SARIF_FILE:-deploylint.sarif}"
mkdir -p "$(dirname "$sarif")"

# --annotation-limit 10: what GitHub shows of each level in one step; the most severe go first.
args=(scan --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-low}" --annotation-limit 10
	--output "sarif=$sarif" --output "json=$tmp/report.json" --output "markdown=$tmp/summary.md")
if [ -n "${INPUT_CONFIG:-}" ]; then
	args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_BASELINE:-}" ]; then
	args+=(--baseline "$INPUT_BASELINE")
fi
# INPUT_ARGS is split as a shell would split it, quotes honoured, nothing expanded.
if [ -n "${INPUT_ARGS:-}" ]; then
	while IFS= read -r -d '' a; do
		args+=("$a")
	done < <(printf '%s' "$INPUT_ARGS" | xargs printf '%s\0')
fi

"$bin" "${args[@]}" -- "${INPUT_PATH:-.}"
code=$?
# 2 means deploylint could not run (bad path, bad configuration): nothing was written.
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
	echo "::error title=deploylint::deploylint could not run (exit $code); see the log above"
	exit "$code"
fi

findings="$(grep -oE '"findings": [0-9]+' "$tmp/report.json" | grep -oE '[0-9]+$' || true)"
echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "findings=${findings:-0}" >>"$GITHUB_OUTPUT"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	cat "$tmp/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
