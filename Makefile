# statefun-cpp: the two commands a new machine needs are `make demo` and `make test`.
# Both install what is missing (scripts/install-deps), build, and run.

PRESET ?= dev
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60

.PHONY: all deps build test sanitize demo bench release tidy fuzz format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

## test: build, then run every test (ctest ends with its summary line)
test: build
	@ctest --preset $(PRESET) -j $(JOBS)

## sanitize: the whole suite built by clang with ASan and UBSan (the asan preset)
sanitize:
	@$(MAKE) --no-print-directory test PRESET=asan

## demo: start the C++ greeter, call it, run its component tests and a short load test
demo: build
	@scripts/demo $(BUILD_DIR)

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

## bench: release build, then the micro benchmarks (comparisons: see bench/RESULTS.md)
bench: release
	@build/release/bench/handler_bench

## tidy: clang-tidy over every translation unit, findings as errors (scripts/tidy)
tidy: deps
	@scripts/tidy

## fuzz: the libFuzzer targets of tests/fuzz under ASan and UBSan, FUZZ_SECONDS each (scripts/fuzz)
fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf build
