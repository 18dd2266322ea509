# mastui — see README.md. `make demo` runs the TUI on the embedded demo archive,
# `make test` runs every test (vet, race-enabled unit/integration tests, tmux e2e).
GO      ?= go
BIN     ?= bin/mastui
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# -trimpath keeps absolute paths out of the build cache's keys, so a fresh clone (CI) reuses
# what an earlier clone compiled instead of rebuilding every race-enabled test binary.
# Test output is kept here, so a failure can be read after the fact (CI included).
RESULTS ?= test-results
SHELL   := /bin/bash

.PHONY: build run demo sim test unit sweeps e2e bench lint fmt clean

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	./$(BIN)

demo: build
	./$(BIN) --demo

sim: build
	./$(BIN) sim --listen 127.0.0.1:8765

# lint first (seconds), then the race unit tests and the e2e scenarios side by side: the
# e2e binary is built without the race detector and mostly waits on tmux, so it fits in
# beside them. Each keeps its own log in $(RESULTS)/ (shown when it ends); make fails if
# either fails, after both have finished.
test: lint
	@$(MAKE) --no-print-directory -j3 --output-sync=target unit sweeps e2e

# The race pass skips the data sweeps (services/testmode.Sweep: one goroutine walking a
# large data space, ten times slower under -race); the sweep pass runs them, by name,
# without it. Every test runs once.
SWEEP_PKGS = $(shell grep -rl --include='*_test.go' 'testmode.Sweep(t)' . | xargs -r -n1 dirname | sort -u)

unit:
	@mkdir -p $(RESULTS)
	@set -o pipefail; $(GO) test -trimpath -race -count=1 ./... 2>&1 | tee $(RESULTS)/unit.log || { \
	  echo; echo "== failing tests (the whole output is in $(RESULTS)/unit.log) =="; \
	  grep -E -e '^(--- FAIL|FAIL|panic:)' -e 'DATA RACE' $(RESULTS)/unit.log; exit 1; }

sweeps:
	@mkdir -p $(RESULTS)
	@set -o pipefail; $(GO) test -trimpath -count=1 -run 'Sweep$$' $(SWEEP_PKGS) 2>&1 | tee $(RESULTS)/sweeps.log || { \
	  echo; echo "== failing sweeps (the whole output is in $(RESULTS)/sweeps.log) =="; \
	  grep -E -e '^(--- FAIL|FAIL|panic:)' $(RESULTS)/sweeps.log; exit 1; }

e2e: build
	@mkdir -p $(RESULTS)
	@set -o pipefail; RESULTS=$(RESULTS) ./testdata/e2e/run.sh ./$(BIN) 2>&1 | tee $(RESULTS)/e2e.log

bench:
	./testdata/bench/ratios.sh

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin $(RESULTS)
