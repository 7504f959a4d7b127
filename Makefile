# pushbook: `make serve` to use it, `make test` to test everything.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
SITE     := build/site
ADDR     ?= localhost:8080
BENCH    ?= .

.PHONY: test vet unit fuzz fork-test wasm-test typecheck web-test examples browser-test bench profile serve site dist clean

## test: every test: Go unit tests (race detector; with CPython differential tests), our
## go.starlark.net fork's own tests, the wasm bridge, the built-in stages' fast paths and the
## kernel's memory budget (which reads the heap its own way there: kernel/heap_js.go) under Node, the page's JavaScript
## modules (type-checked, then their Node tests), the example notebooks against their
## stored outputs, and the browser tests in headless Chromium.
test: vet unit fuzz fork-test wasm-test web-test examples browser-test

vet:
	@bad=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$bad" ]; then echo "gofmt needed: $$bad"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/
	$(GO) vet -tags browser ./e2e/

unit:
	$(GO) test -race -count=1 ./...

## fuzz: five seconds of each fuzz target: random cells never panic the kernel and end
## with at most one error output, last; random bytes read as .ipynb never panic, and a
## notebook that reads writes back and reads again. A failing input lands in the
## package's testdata/fuzz/ and from then on runs with the unit tests.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzCell$$' -fuzztime 5s ./kernel/
	$(GO) test -run '^$$' -fuzz '^FuzzReadNotebook$$' -fuzztime 5s ./notebook/

## fork-test: upstream go.starlark.net's tests and ours, on the fork (a module of its own).
## Its interpreter tests run in WebAssembly too (int_wasm.go is the Int there; TestProfile
## needs the go command, which a wasm program cannot run).
fork-test:
	cd third_party/starlark && $(GO) test -count=1 ./...
	cd third_party/starlark && GOOS=js GOARCH=wasm $(GO) test -count=1 -exec $(WASMEXEC) -skip TestProfile ./starlark/

wasm-test:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec $(WASMEXEC) ./wasm/ ./lib/stages/
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec $(WASMEXEC) -run '^TestMemoryIsBudgeted$$' ./kernel/

web/node_modules/.package-lock.json: web/package-lock.json
	npm ci --prefix web --no-audit --no-fund

## typecheck: the page's and the worker's JavaScript checked by TypeScript (JSDoc types,
## web/tsconfig.json and web/tsconfig.worker.json; nothing is emitted).
typecheck: web/node_modules/.package-lock.json
	npm run --prefix web --silent typecheck

web-test: typecheck
	node --test web/test/

examples:
	$(GO) run . check examples/*.ipynb

browser-test: site
	$(GO) test -tags browser -count=1 -v ./e2e/

## site: the static site in build/site (page bundle, worker, main.wasm and its brotli sibling
## main.wasm.br, wasm_exec.js, examples). Brotli at its best takes some 20 s when main.wasm
## changed (web/compress.mjs).
site: web/node_modules/.package-lock.json
	node web/build.mjs --out $(SITE) --examples examples
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(SITE)/main.wasm ./wasm
	node web/compress.mjs $(SITE)/main.wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js $(SITE)/wasm_exec.js

## serve: build everything and serve it at http://$(ADDR).
serve: site
	$(GO) run . serve -addr $(ADDR) -dir $(SITE)

## dist: a self-contained folder any static host can serve as it is, from any sub-path
## (cp -p keeps main.wasm.br's time, so go run . serve -dir dist does not take it for stale).
dist: site
	rm -rf dist && cp -rp $(SITE) dist
	@echo "dist/ is ready: copy it to any static host."

## bench: Go benchmarks (native; our starlark fork against upstream, interleaved; then the
## page in headless Chromium) with the issues' targets beside the measured figures; raw
## output in build/bench.txt.
bench: site
	@mkdir -p build
	( $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem ./pipeline/ ./flatten/ ./kernel/ ./lib/... && \
	  $(GO) run ./internal/forkbench && \
	  GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench '$(BENCH)' -benchtime 6x -exec $(WASMEXEC) ./wasm/ && \
	  $(GO) test -tags browser -run '^$$' -bench '$(BENCH)' ./e2e/ ) | tee build/bench.txt | $(GO) run ./internal/benchreport

PROFILE_CELL ?= seed
PROFILE_SITE := build/profile-site

## profile: a V8 CPU profile of the kernel's Web Worker running one cell by the page's Run
## in headless Chromium (PROFILE_CELL=seed|builtin|loop|print, defined in
## e2e/profile_test.go), from a site in build/profile-site whose main.wasm keeps its
## function names; writes build/profile-$(PROFILE_CELL).cpuprofile (DevTools, speedscope)
## and prints the top functions by self time and the share of a few groups (also kept in
## build/profile-$(PROFILE_CELL).txt).
profile: web/node_modules/.package-lock.json
	node web/build.mjs --out $(PROFILE_SITE) --examples examples
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o $(PROFILE_SITE)/main.wasm ./wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js $(PROFILE_SITE)/wasm_exec.js
	PUSHBOOK_SITE=$(CURDIR)/$(PROFILE_SITE) PROFILE_CELL=$(PROFILE_CELL) PROFILE_OUT=$(CURDIR)/build \
	  $(GO) test -tags browser -count=1 -v -run '^TestProfileWorker$$' ./e2e/
	$(GO) run ./internal/pageprofile build/profile-$(PROFILE_CELL).cpuprofile | tee build/profile-$(PROFILE_CELL).txt

clean:
	rm -rf build dist
