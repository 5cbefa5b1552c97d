# deploylint: `make test` is what CI runs (see .ci/run).
GO ?= go
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(HOME)/go/bin/golangci-lint)
# opa is the go.mod tool, the same version as the engine's library.
OPA ?= $(GO) tool opa
REGAL ?= $(shell command -v regal 2>/dev/null || command -v $(HOME)/go/bin/regal 2>/dev/null)

.PHONY: test vet lint unit rego build fuzz fuzz-ci bench docs rule

test: vet lint unit rego fuzz-ci

vet:
	$(GO) vet ./...

lint:
	$(GOLANGCI_LINT) run ./...

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
	$(GO) test -run '^$$' -bench . -benchmem ./scanners/... ./rules/
	$(GO) test -run '^$$' -bench Hostile -benchtime 1x -benchmem -timeout 60m ./fixtures/
