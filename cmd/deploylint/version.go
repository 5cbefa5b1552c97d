package main

import (
	"runtime/debug"
)

// Set by the release build (-ldflags "-X main.buildVersion=v1.2.3 -X main.buildCommit=…"):
// the linker can set only package-level strings, so these two are the program's only globals.
var (
	buildVersion string
	buildCommit  string
)

// buildInfo is what the binary knows of the source it was built from.
type buildInfo struct {
	// Version is semantic ("v1.2.3", or "0.0.0-dev" for a build outside a release), the form
	// SARIF consumers compare.
	Version string
	// Commit is the VCS revision, "" when the build recorded none; Dirty marks local changes.
	Commit string
	Dirty  bool
}

// readBuildInfo prefers what the linker was told, then what `go build` and `go install`
// recorded (the module version of go install …@v1.2.3, the VCS revision of a build from a
// clone).
func readBuildInfo() buildInfo {
	b := buildInfo{Version: "0.0.0-dev", Commit: buildCommit}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			b.Version = v
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && b.Commit == "":
				b.Commit = s.Value
			case s.Key == "vcs.modified" && buildCommit == "":
				b.Dirty = s.Value == "true"
			}
		}
	}
	if buildVersion != "" {
		b.Version = buildVersion
	}
	return b
}

// String is what `deploylint version` and `deploylint --version` both print after the name.
func (b buildInfo) String() string {
	s := b.Version
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if b.Dirty {
			c += "-dirty"
		}
		s += " (commit " + c + ")"
	}
	return s
}

func version() string { return readBuildInfo().Version }
