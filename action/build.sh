#!/usr/bin/env bash
# Builds deploylint from the action's own checkout, so the version a workflow references is the
# version that runs.
set -euo pipefail
out="${RUNNER_TEMP:?RUNNER_TEMP is not set}/deploylint-bin"
mkdir -p "$out"
(cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}" && go build -trimpath -o "$out/deploylint" ./cmd/deploylint)
echo "binary=$out/deploylint" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
