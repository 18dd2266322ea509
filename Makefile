# mastui — see README.md. `make demo` runs the TUI on the embedded demo archive,
# `make test` runs every test (vet, race-enabled unit/integration tests, tmux e2e).
GO      ?= go
BIN     ?= bin/mastui
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run demo sim test unit e2e bench lint fmt clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	./$(BIN)

demo: build
	./$(BIN) --demo

sim: build
	./$(BIN) sim --listen 127.0.0.1:8765

test: lint unit e2e

unit:
	$(GO) test -race -count=1 ./...

e2e: build
	./testdata/e2e/run.sh ./$(BIN)

bench:
	./testdata/bench/ratios.sh

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin
