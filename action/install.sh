#!/usr/bin/env bash
# Puts a deploylint binary in DEPLOYLINT_DIR and prints binary=PATH to GITHUB_OUTPUT: the
# released archive of VERSION, verified against the release's checksums.txt (a cache restored
# there beforehand is used as is), or a build of the action's own checkout when
# BUILD_FROM_SOURCE is true or no release exists for the action's own ref. A checksum that
# does not match stops here: no binary that fails verification is ever run.
#
# Environment: VERSION (v1.2.3, or "" when the action's ref is no release), VERSION_FROM_REF,
# BUILD_FROM_SOURCE, DEPLOYLINT_DIR, ASSET_OS, ASSET_ARCH (all from resolve.sh), and
# DEPLOYLINT_RELEASE_URL (base of the release downloads: a mirror, or a test's loopback server).
set -euo pipefail
dir="${DEPLOYLINT_DIR:?DEPLOYLINT_DIR is not set}"
out="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
exe=deploylint
if [ "${ASSET_OS:-}" = windows ]; then
	exe=deploylint.exe
fi

# sha256 prints the SHA-256 of a file with whichever tool this runner has.
sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | cut -d' ' -f1
	else
		openssl dgst -sha256 -r "$1" | cut -d' ' -f1
	fi
}

# build compiles the action's checkout with the runner's go, which fetches the toolchain go.mod
# names into its module cache if it is older: nothing on the caller's PATH changes.
build() {
	local src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
	if ! command -v go >/dev/null 2>&1; then
		echo "::error title=deploylint::building deploylint from source needs go on the runner (for example a setup-go step before this one)"
		exit 1
	fi
	# Not in DEPLOYLINT_DIR: that is the release's cache, and a build is not the release.
	local bin="${RUNNER_TEMP:?RUNNER_TEMP is not set}/deploylint-src/$exe"
	echo "deploylint: building from source at $src"
	(cd "$src" && GOTOOLCHAIN=auto CGO_ENABLED=0 go build -trimpath -o "$bin" ./cmd/deploylint)
	echo "binary=$bin" >>"$out"
}

if [ -x "$dir/$exe" ]; then
	echo "deploylint: using the cached $VERSION in $dir"
	echo "binary=$dir/$exe" >>"$out"
	exit 0
fi
if [ "${BUILD_FROM_SOURCE:-false}" = true ] || [ -z "${VERSION:-}" ]; then
	build
	exit 0
fi

base="${DEPLOYLINT_RELEASE_URL:-https://github.com/deploylint/deploylint/releases/download}"
archive="deploylint_${VERSION#v}_${ASSET_OS:?ASSET_OS is not set}_${ASSET_ARCH:?ASSET_ARCH is not set}"
if [ "$ASSET_OS" = windows ]; then
	archive+=.zip
else
	archive+=.tar.gz
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fetch downloads a release file; it prints the HTTP status (000 when nothing answered).
fetch() {
	curl -sSL --retry 3 --retry-connrefused -o "$tmp/$1" -w '%{http_code}' "$base/$VERSION/$1" || true
}

status="$(fetch checksums.txt)"
if [ "$status" = 404 ]; then
	# Only the action's own ref may fall back to a build: the checkout is that version's
	# source, and no other.
	if [ "${VERSION_FROM_REF:-false}" = true ]; then
		echo "::notice title=deploylint::no release $VERSION; building the action's checkout instead"
		build
		exit 0
	fi
	echo "::error title=deploylint::no deploylint release $VERSION (checked $base/$VERSION/checksums.txt)"
	exit 1
fi
if [ "$status" != 200 ]; then
	echo "::error title=deploylint::downloading $base/$VERSION/checksums.txt failed (HTTP $status)"
	exit 1
fi
status="$(fetch "$archive")"
if [ "$status" != 200 ]; then
	echo "::error title=deploylint::downloading $base/$VERSION/$archive failed (HTTP $status)"
	exit 1
fi
want="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/checksums.txt")"
if [ -z "$want" ]; then
	echo "::error title=deploylint::checksums.txt of $VERSION lists no $archive"
	exit 1
fi
got="$(sha256 "$tmp/$archive")"
if [ "$got" != "$want" ]; then
	echo "::error title=deploylint::checksum mismatch for $archive: checksums.txt says $want, the download is $got"
	exit 1
fi
echo "deploylint: $archive verified (sha256 $got)"

mkdir -p "$tmp/x"
if [ "$ASSET_OS" = windows ]; then
	unzip -q "$tmp/$archive" -d "$tmp/x"
else
	tar -xzf "$tmp/$archive" -C "$tmp/x"
fi
mkdir -p "$dir"
# Moved in whole, so a cache never holds half a binary.
mv "$tmp/x/$exe" "$dir/$exe.part"
mv "$dir/$exe.part" "$dir/$exe"
echo "binary=$dir/$exe" >>"$out"
