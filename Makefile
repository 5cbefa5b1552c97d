# deploylint: `make test` is what CI runs (see .ci/run).
GO ?= go
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(HOME)/go/bin/golangci-lint)

.PHONY: test vet lint unit build fuzz fuzz-ci bench docs rule

test: vet lint unit fuzz-ci

vet:
	$(GO) vet ./...

lint:
	$(GOLANGCI_LINT) run ./...

unit:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o deploylint ./cmd/deploylint

# Regenerate the rule table in README.md, docs/rules/ and policies/index.json (the catalogue and
# import graph a scan reads instead of parsing every policy) from the policies.
docs:
	$(GO) test ./rules -run TestPolicyIndexUpToDate -update
	$(GO) test ./cmd/deploylint -run "TestReadmeRuleTable|TestReadmeKindTable|TestRuleDocs" -update
	$(GO) test ./scanners/schema -run TestInputDocs -update

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
# full scan against --parse-only; then the Go benchmarks of each parser and of the engine.
bench:
	bash bench/run.sh
	$(GO) test -run '^$$' -bench . -benchmem ./scanners/... ./rules/
