# deploylint: `make test` is what CI runs (see .ci/run).
GO ?= go
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(HOME)/go/bin/golangci-lint)

.PHONY: test vet lint unit build fuzz docs

test: vet lint unit

vet:
	$(GO) vet ./...

lint:
	$(GOLANGCI_LINT) run ./...

unit:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o deploylint ./cmd/deploylint

# Regenerate the rule table in README.md and docs/rules/ from the rule METADATA.
docs:
	$(GO) test ./cmd/deploylint -run "TestReadmeRuleTable|TestRuleDocs" -update
