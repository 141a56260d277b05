# The two set-up commands: `make demo` and `make test`. Both install missing
# Debian packages first (scripts/install-deps.sh), then configure and build.
BUILD    ?= build
TYPE     ?= RelWithDebInfo
JOBS     ?= $(shell nproc)
CMAKE_ARGS ?=

.PHONY: all deps configure build demo test bench sanitize fuzz clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(TYPE) $(CMAKE_ARGS)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/dyad

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 1500

bench: build
	@scripts/bench.sh $(BUILD)

# AddressSanitizer + UBSan build and test run, in its own build folder.
sanitize:
	$(MAKE) test BUILD=build-asan TYPE=Debug CMAKE_ARGS="-DDYAD_SANITIZE=ON -DDYAD_BUILD_BENCH=OFF"

# libFuzzer targets under clang (the g++ build replays the corpora in ctest).
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDYAD_LIBFUZZER=ON -DDYAD_BUILD_BENCH=OFF -DDYAD_BUILD_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
