#!/usr/bin/env bash
# Decides which deploylint the action runs, before the cache is restored: the release named by
# INPUT_VERSION, else the release of the action's own ref (a tag such as v1.2.3), else a build
# of the action's checkout (a branch or commit has no release). Writes version, from-ref, os,
# arch, dir (where the release's binary is cached) and key to GITHUB_OUTPUT.
set -euo pipefail
out="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
semver='^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'

version="${INPUT_VERSION:-}"
from_ref=false
if [ -n "$version" ]; then
	# Checked strictly: it becomes part of a download URL and a path.
	if ! [[ "$version" =~ $semver ]]; then
		echo "::error title=deploylint::version \"$version\" is not a release version (want v1.2.3, or leave it empty for the action's own)"
		exit 1
	fi
	version="v${version#v}"
elif [[ "${ACTION_REF:-}" =~ $semver ]]; then
	version="v${ACTION_REF#v}"
	from_ref=true
fi

case "${RUNNER_OS:-$(uname -s)}" in
Linux) os=linux ;;
macOS | Darwin) os=darwin ;;
Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*)
	echo "::error title=deploylint::no release for the runner OS ${RUNNER_OS:-$(uname -s)}"
	exit 1
	;;
esac
case "${RUNNER_ARCH:-$(uname -m)}" in
X64 | x86_64 | amd64) arch=amd64 ;;
ARM64 | aarch64 | arm64) arch=arm64 ;;
*)
	echo "::error title=deploylint::no release for the runner architecture ${RUNNER_ARCH:-$(uname -m)}"
	exit 1
	;;
esac

dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?RUNNER_TEMP is not set}}/deploylint/${version:-none}/$os-$arch"
{
	echo "version=$version"
	echo "from-ref=$from_ref"
	echo "os=$os"
	echo "arch=$arch"
	echo "dir=$dir"
	echo "key=deploylint-${version:-none}-$os-$arch"
} >>"$out"
