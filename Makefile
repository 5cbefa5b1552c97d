# deploylint: `make test` is what CI runs (see .ci/run).
GO ?= go
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(HOME)/go/bin/golangci-lint)

.PHONY: test vet lint unit build fuzz fuzz-ci bench docs

test: vet lint unit fuzz-ci

vet:
	$(GO) vet ./...

lint:
	$(GOLANGCI_LINT) run ./...

unit:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o deploylint ./cmd/deploylint

# Regenerate the rule table in README.md, docs/rules/, policies/index.json (the catalogue and
# import graph a scan reads instead of parsing every policy) from the policies, and
# policies/capabilities.json (what plain opa and regal need to know of the engine) from Go.
docs:
	$(GO) test ./rules -run "TestPolicyIndexUpToDate|TestCapabilitiesUpToDate" -update
	$(GO) test ./cmd/deploylint -run "TestReadmeRuleTable|TestRuleDocs" -update

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
