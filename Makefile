# mastui — see README.md. `make demo` runs the TUI on the embedded demo archive,
# `make test` runs every test (vet, unit tests with -race where goroutines live, tmux e2e).
GO      ?= go
BIN     ?= bin/mastui
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# -trimpath keeps absolute paths out of the build cache's keys, so a fresh clone (CI) reuses
# what an earlier clone compiled instead of rebuilding every race-enabled test binary.
# Test output is kept here, so a failure can be read after the fact (CI included).
RESULTS ?= test-results
SHELL   := /bin/bash

.PHONY: build run demo sim test unit race plain e2e bench lint fmt clean

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	./$(BIN)

demo: build
	./$(BIN) --demo

sim: build
	./$(BIN) sim --listen 127.0.0.1:8765

# lint first (seconds), then three passes side by side, each with its log in $(RESULTS)/
# (shown when it ends); make fails if any fails, after all have finished:
#   race  - the packages where goroutines live, under the race detector;
#   plain - every other package, and the race packages' data sweeps, without it;
#   e2e   - the scenarios of the real binary (built without -race; mostly waits on tmux).
test: lint
	@$(MAKE) --no-print-directory -j3 --output-sync=target race plain e2e

# The race detector costs about 5x the CPU, and linking a race test binary seconds, so it
# runs where concurrency is: the packages whose code or tests start goroutines or run a
# Bubble Tea program (which runs every command on a goroutine of its own). docs'
# TestRacePassCoversEveryGoroutine keeps this list exact. Not cli: its tests drive the
# engines listed here (race-tested in their own packages) through the command line, and
# its own goroutine, the signal relay, runs only in the real binary (e2e).
RACE_PKGS = ./download ./download/service ./services/dupcheck ./services/mast ./services/sim ./services/sim/cutouts ./services/wire ./ui ./ui/components/form ./ui/serve ./ui/views/missions ./ui/views/products ./ui/views/searchform
RACE_LIST  = $(shell $(GO) list $(RACE_PKGS))
PLAIN_LIST = $(filter-out $(RACE_LIST),$(shell $(GO) list ./...))
# The data sweeps (services/testmode.Sweep: one goroutine walking a large data space, ten
# times slower under -race) of the race packages run in the plain pass, by name. Every
# test runs once. testdata/unit/run.sh runs the test binaries as go test would, but
# builds them with go test -c, whose linked binaries the build cache keeps.

unit: race plain

race:
	@mkdir -p $(RESULTS)
	@set -o pipefail; SECONDS=0; GO=$(GO) RESULTS=$(RESULTS) ./testdata/unit/run.sh -race race $(RACE_PKGS) 2>&1 | tee $(RESULTS)/race.log && echo "race pass: $$SECONDS s" || { \
	  echo; echo "== failing tests (the whole output is in $(RESULTS)/race.log) =="; \
	  grep -E -e '^(--- FAIL|FAIL|panic:)' -e 'DATA RACE' $(RESULTS)/race.log; exit 1; }

plain:
	@mkdir -p $(RESULTS)
	@set -o pipefail; SECONDS=0; { GO=$(GO) RESULTS=$(RESULTS) nice -n 10 ./testdata/unit/run.sh plain $(PLAIN_LIST) && \
	  GO=$(GO) RESULTS=$(RESULTS) nice -n 10 ./testdata/unit/run.sh -run 'Sweep$$' -only-with 'testmode\.Sweep\(t\)' sweeps $(RACE_PKGS); } 2>&1 | tee $(RESULTS)/plain.log && echo "plain pass: $$SECONDS s" || { \
	  echo; echo "== failing tests (the whole output is in $(RESULTS)/plain.log) =="; \
	  grep -E -e '^(--- FAIL|FAIL|panic:)' $(RESULTS)/plain.log; exit 1; }

e2e: build
	@mkdir -p $(RESULTS)
	@set -o pipefail; RESULTS=$(RESULTS) ./testdata/e2e/run.sh ./$(BIN) 2>&1 | tee $(RESULTS)/e2e.log

bench:
	./testdata/bench/ratios.sh

# vet -trimpath: the build cache keeps vet's results for any clone's path (CI's too).
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -trimpath ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin $(RESULTS)
