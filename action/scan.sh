#!/usr/bin/env bash
# Scans INPUT_PATH once per output: SARIF for code scanning, Markdown for the job summary, JSON
# for the findings count, then the log format, whose exit code decides the step.
set -uo pipefail
bin="${DEPLOYLINT:?DEPLOYLINT (the binary) is not set}"
cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}" || exit 2
args=(scan)
if [ -n "${INPUT_CONFIG:-}" ]; then
	args+=(--config "$INPUT_CONFIG")
fi
path="${INPUT_PATH:-.}"
sarif="${INPUT_SARIF_FILE:-deploylint.sarif}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() {
	"$bin" "${args[@]}" "$@" -- "$path"
	local code=$?
	# 2 means deploylint could not run (bad path, bad configuration): stop here, loudly.
	if [ "$code" -eq 2 ]; then
		echo "::error title=deploylint::deploylint could not run (exit 2); see the log above"
		exit 2
	fi
	return 0
}

run --fail-on never --format sarif --output "$sarif"
run --fail-on never --format json --output "$tmp/report.json"
findings="$(grep -oE '"findings": [0-9]+' "$tmp/report.json" | grep -oE '[0-9]+$' || true)"
echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "findings=${findings:-0}" >>"$GITHUB_OUTPUT"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	run --fail-on never --format markdown >>"$GITHUB_STEP_SUMMARY"
fi

"$bin" "${args[@]}" --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-low}" -- "$path"
