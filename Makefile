# deploylint: `make test` is what CI runs (see .ci/run).
GO ?= go
# The Go-written tools are pinned as `tool` directives and built by `go tool` on first use.
# opa and actionlint are go.mod's (the versions of the libraries the product and its tests use);
# golangci-lint and GoReleaser each have a module of their own under tools/, so their large
# dependency graphs never change the product's versions or its go directive.
OPA ?= $(GO) tool opa
ACTIONLINT ?= $(GO) tool actionlint
GOLANGCI_LINT ?= $(GO) tool -modfile=tools/golangci-lint/go.mod golangci-lint
GORELEASER ?= $(GO) tool -modfile=tools/goreleaser/go.mod goreleaser
REGAL ?= $(shell command -v regal 2>/dev/null || command -v $(HOME)/go/bin/regal 2>/dev/null)

.PHONY: test vet lint unit rego release-check dist build fuzz fuzz-ci bench docs rule

test: vet lint release-check unit rego fuzz-ci

vet:
	$(GO) vet ./...

lint:
	$(GOLANGCI_LINT) run ./...
	$(ACTIONLINT) examples/github-workflow.yml

# The release configuration as GoReleaser reads it. (The unit tests also build a snapshot
# release for this platform and install it the way the Action does.)
release-check:
	$(GORELEASER) check

# A snapshot release in dist/: static archives for linux, darwin and windows on amd64 and arm64,
# checksums.txt, an SBOM per archive when syft is on the PATH, the distroless image when a
# Docker daemon answers.
dist:
	@skip=; \
	command -v syft >/dev/null 2>&1 || { echo "dist: syft not on the PATH: no SBOM (install github.com/anchore/syft)"; skip=sbom; }; \
	docker info >/dev/null 2>&1 || { echo "dist: no Docker daemon answers: no image (install docker.io and start it)"; skip=$${skip:+$$skip,}docker; }; \
	echo $(GORELEASER) release --snapshot --clean $${skip:+--skip=$$skip}; \
	$(GORELEASER) release --snapshot --clean $${skip:+--skip=$$skip}

unit:
	$(GO) test -race -count=1 ./...

# The policies under plain OPA tooling, as an author sees them outside deploylint: formatted as
# opa fmt writes them, their tests passing in opa itself (with policies/capabilities.json for
# the engine's built-in), regal's lint clean under .regal/config.yaml.
rego:
	@out="$$($(OPA) fmt -l policies/)"; if [ -n "$$out" ]; then \
		echo "opa fmt: these files are not formatted (run: $(OPA) fmt -w policies/):"; echo "$$out"; exit 1; fi
	$(OPA) test --capabilities policies/capabilities.json policies/
ifneq ($(REGAL),)
	$(REGAL) lint policies/
else
	@echo "rego: regal not found (PATH or ~/go/bin): regal lint policies/ skipped. Install github.com/open-policy-agent/regal v0.42.0 (built on OPA 1.18; the Go module proxy here does not serve it, so CI cannot install it either)."
endif

build:
	$(GO) build -o deploylint ./cmd/deploylint

# Regenerate the rule and guide tables in README.md, docs/rules/, policies/index.json (the
# catalogue and import graph a scan reads instead of parsing every policy) from the policies,
# docs/guides/ from the guide map (policies/guides.yaml), and policies/capabilities.json (what
# plain opa and regal need to know of the engine) from Go.
docs:
	$(GO) test ./rules -run "TestPolicyIndexUpToDate|TestCapabilitiesUpToDate" -update
	$(GO) test ./cmd/deploylint -run "TestReadmeRuleTable|TestReadmeKindTable|TestReadmeGuideTable|TestRuleDocs|TestGuideDocs" -update
	$(GO) test ./scanners/schema -run TestInputDocs -update
	$(GO) test ./scanners/builtin -run TestKindsDataUpToDate -update

# A new built-in rule: make rule ID=CMP013 NAME=grafana_anonymous KIND=compose [SEVERITY=high] [DIR=…]
# writes its Rego, test and bad/ and good/ fixtures (every TODO for its author), then the docs.
rule:
	@test -n "$(ID)" -a -n "$(NAME)" -a -n "$(KIND)" || { echo "usage: make rule ID=CMP013 NAME=snake_name KIND=compose [SEVERITY=high] [DIR=compose]"; exit 2; }
	$(GO) run ./internal/scaffold/newrule -id "$(ID)" -name "$(NAME)" -kind "$(KIND)" -severity "$(or $(SEVERITY),medium)" -dir "$(DIR)"
	$(MAKE) docs

# Every fuzz target for FUZZTIME (default 60s) each.
fuzz:
	bash scripts/fuzz.sh

# In CI (CI set) every fuzz target runs 20 seconds; a local make test leaves that to make fuzz.
fuzz-ci:
ifneq ($(CI),)
	FUZZTIME=20s bash scripts/fuzz.sh
else
	@echo "fuzz-ci: skipped outside CI (make fuzz runs every target)"
endif

# Throughput, memory and start-up on a generated corpus (BENCH_STACKS stacks, default 1000),
# full scan against --parse-only; then the Go benchmarks of each parser and of the engine; then
# the hostile inputs (fixtures/adversarial/gen), each scanned at N and 10N: compare the two.
bench:
	bash bench/run.sh
	$(GO) test -run '^$$' -bench . -benchmem ./scanners/... ./rules/ ./fix/
	$(GO) test -run '^$$' -bench Hostile -benchtime 1x -benchmem -timeout 60m ./fixtures/
