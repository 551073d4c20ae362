# gongpei: one entry point for building, testing and demonstrating the project.
# `make demo` and `make test` must work on a fresh machine with nothing installed by hand.

CARGO ?= cargo
PYTHON ?= python3
VENV ?= .venv
DATA ?= ../shared/data

.PHONY: all build deps check test test-rust test-python test-fuzz fuzz-in-test demo bench bench-network bench-quality quality-venv test-bench-quality fmt lint clean wheel docs test-wheel deps-highs

# The cargo profile `make test` builds with: release optimisation without LTO or debug info
# (Cargo.toml, [profile.ci]); linking every test binary with thin LTO made CI take 33 min.
TEST_PROFILE ?= ci
# Where cargo puts its builds (honours CARGO_TARGET_DIR, as cargo does).
TARGET_DIR = $(or $(CARGO_TARGET_DIR),target)

all: build

build: deps-highs
	$(CARGO) build --release --workspace

test: deps check test-rust test-python fuzz-in-test

# The fuzz stage of `make test` (20 s a target: on 2 idle cores from a clean clone make test took
# 694 s without it, make test-fuzz FUZZ_SECONDS=20 250 s with its cold build, well inside CI's 30 min).
# `make test FUZZ_IN_TEST=0` leaves it out.
FUZZ_IN_TEST ?= 1
fuzz-in-test:
	@if [ "$(FUZZ_IN_TEST)" = 1 ]; then $(MAKE) --no-print-directory test-fuzz; \
	else echo "test-fuzz: SKIPPED in make test (FUZZ_IN_TEST=$(FUZZ_IN_TEST))"; fi

# (In the test profile, so that build scripts and proc-macros are built once for the gates and the
# tests.) Gates that fail the build before any test runs: formatting, lints (warnings denied, every target),
# the API docs (broken links and other rustdoc warnings denied), the bindings' dependency features
# (scripts/check-binding-features.sh: maturin must reuse the test build) and the Python linter; mypy and
# stubtest need the built extension, so they run with the Python tests (python/tests/test_typing.py).
check: $(VENV)/.test-deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --profile $(TEST_PROFILE) -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --quiet --profile $(TEST_PROFILE)
	CARGO=$(CARGO) scripts/check-binding-features.sh
	$(VENV)/bin/ruff check python benches examples

# What the `highs` crate (gongpei-locate's MIP solver) needs to build HiGHS from source: cmake,
# a C++ compiler and libclang (for bindgen), installed with apt-get when missing. Without them
# the workspace cannot build, so this stops with the reason.
deps-highs:
	@if command -v cmake >/dev/null 2>&1 && command -v c++ >/dev/null 2>&1 && ls /usr/lib/llvm-*/lib/libclang.so* >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake g++ libclang-dev; \
	else echo "deps-highs: cmake, g++ or libclang-dev missing and apt-get is not available as root; gongpei-locate (HiGHS) will not build"; exit 1; fi

# System packages the tests use, installed with apt-get when missing (as root, as on the
# project's machines): Debian's chromium for the HTML report's browser test
# (crates/gongpei-coop/tests/suite/report_browser.rs) and a CJK font so its screenshots show Chinese
# names. Without root or apt-get this says so, and the browser test skips, saying why.
CHROMIUM_FONT = /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
deps: deps-highs
	@if command -v chromium >/dev/null 2>&1 && [ -e $(CHROMIUM_FONT) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei; \
	else echo "deps: chromium or fonts-wqy-zenhei missing and apt-get is not available as root; the browser test will skip"; fi

# (The benches are compiled by `make check`'s clippy over every target, so they are not built again here.)
test-rust:
	$(CARGO) test --workspace --profile $(TEST_PROFILE)

# A short coverage-guided run of every fuzz target (fuzz/README.md: one per reader plus the
# model-plus-evaluator), FUZZ_SECONDS each, two at a time, on scratch copies of the committed
# corpora; any crash fails the build and leaves its input under $(FUZZ_TARGET_DIR)/artifacts.
# Built with SanitizerCoverage but without AddressSanitizer (safe Rust), which stable Rust
# supports, so neither nightly nor cargo-fuzz is needed; without a C++ compiler (libFuzzer is
# C++) it says so and skips.
FUZZ_SECONDS ?= 20
FUZZ_TARGET_DIR ?= $(abspath $(TARGET_DIR))/fuzz
test-fuzz:
	@if command -v c++ >/dev/null 2>&1; then \
	  FUZZ_TARGET_DIR=$(FUZZ_TARGET_DIR) CARGO=$(CARGO) fuzz/run.sh smoke $(FUZZ_SECONDS); \
	else echo "test-fuzz: SKIPPED: no C++ compiler (c++) to build libFuzzer"; fi

# Python package: a venv (reused when it works), test dependencies, the extension built with the test profile
# mode into it (maturin develop), then pytest (API, errors, pickling, threads, Ctrl-C, stubtest,
# doctests, notebooks, same cost as the CLI, which is built first so it matches the extension).
PY_TEST_DEPS = maturin numpy pandas openpyxl matplotlib tqdm mypy ruff pdoc pytest nbclient nbformat ipykernel ray
VENV_ABS = $(abspath $(VENV))

# The test venv with its dependencies; remade when this Makefile changes the list.
$(VENV)/.test-deps: Makefile
	$(VENV)/bin/python -c "import sys" 2>/dev/null || (rm -rf $(VENV) && $(PYTHON) -m venv $(VENV))
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PY_TEST_DEPS)
	touch $@

test-python: $(VENV)/.test-deps
	cd python && VIRTUAL_ENV=$(VENV_ABS) PATH="$(VENV_ABS)/bin:$$PATH" $(VENV_ABS)/bin/maturin develop --profile $(TEST_PROFILE) --quiet
	$(CARGO) test --workspace --profile $(TEST_PROFILE) --no-run --quiet
	cd python && GONGPEI_CLI=$(abspath $(TARGET_DIR)/$(TEST_PROFILE)/gongpei) MPLBACKEND=Agg $(VENV_ABS)/bin/python -m pytest tests -q
# The quality benchmark's protocol and tables; its peer-adapter tests skip (with the reason) when
# the peers are not installed, as in this venv: .venv-bench (make bench-quality) runs them all.
	GONGPEI_CLI=$(abspath $(TARGET_DIR)/$(TEST_PROFILE)/gongpei) $(VENV_ABS)/bin/python -m pytest benches/quality/tests -q -rs -p no:cacheprovider

# The publishable wheel: abi3 (CPython 3.9+), stripped, tagged with the lowest manylinux level
# its glibc symbols allow (manylinux_2_35 when built on Debian 12; build in a manylinux container
# or add WHEEL_FLAGS=--zig for manylinux2014) and checked by maturin's own auditwheel pass (it
# fails on outside libraries or a non-PyPI tag). Written to target/wheels/. WHEEL_PROFILE=ci
# builds faster (no LTO) for tests.
WHEEL_PROFILE ?= release
WHEEL_DIR ?= target/wheels
WHEEL_FLAGS ?=
wheel:
	$(VENV)/bin/python -c "import sys" 2>/dev/null || (rm -rf $(VENV) && $(PYTHON) -m venv $(VENV))
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check maturin
	cd python && $(VENV_ABS)/bin/maturin build --profile $(WHEEL_PROFILE) --strip \
	  --compatibility pypi --auditwheel check $(WHEEL_FLAGS) --out $(abspath $(WHEEL_DIR))
	@ls -l $(WHEEL_DIR)/gongpei-*.whl

# The rendered API reference of the Python package (pdoc, from the docstrings) into
# target/docs/python; any warning pdoc prints fails the build.
DOCS_DIR ?= target/docs/python
docs:
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check pdoc
	$(VENV)/bin/python python/docs/build.py --out $(DOCS_DIR)

# The wheel test alone (python/tests/test_wheel.py): builds the wheel, installs it into a clean
# venv outside the checkout and runs the README's Python examples verbatim.
test-wheel:
	cd python && MPLBACKEND=Agg $(VENV_ABS)/bin/python -m pytest tests/test_wheel.py -q

# Generates the Jizhou district scenario and compares the cooperation modes on it (mode and Shapley
# allocation tables, money per day; out/compare/compare.json and the self-contained compare.html),
# answers the network design questions on it (out/design/: sorting-centre siting, station coverage for
# D = 2, 3, 5 km, pre-cooling stores, a weekly frequency curve on one township), then solves a bundled
# benchmark instance and verifies the solution with the independent checker.
demo: build
	mkdir -p out
	./target/release/gongpei scenario generate --preset jizhou --seed 1 --out out/jizhou.json
	./target/release/gongpei scenario compare out/jizhou.json --seed 1 --allocate postal_express --out out/compare
	mkdir -p out/design
	./target/release/gongpei design site out/jizhou.json --iterations 100 --seed 1 --quiet --geojson out/design/site.geojson --html out/design/site.html > out/design/site.txt && cat out/design/site.txt
	./target/release/gongpei design cover out/jizhou.json --radius-km 2,3,5 --max-stations 30,60 --iterations 100 --seed 1 --quiet --geojson out/design/cover.geojson --html out/design/cover.html > out/design/cover.txt && cat out/design/cover.txt
	./target/release/gongpei design cold out/jizhou.json --max-hours 4,2,1 --seed 1 --quiet --html out/design/cold.html > out/design/cold.txt && cat out/design/cold.txt
	./target/release/gongpei design frequency out/jizhou.json --townships 120119102 --max-wait-days 1,2,3 --max-moves 5 --iterations 0 --seed 1 --quiet --html out/design/frequency.html > out/design/frequency.txt && cat out/design/frequency.txt
	./target/release/gongpei solve data/instances/X-n101-k25.vrp --time-limit 10 --seed 1 --out out/X-n101-k25.sol
	./target/release/gongpei check data/instances/X-n101-k25.vrp out/X-n101-k25.sol

# Criterion benches of every crate: the engine's hot loop (benches/hot_loop.rs: segment joins,
# per-move pricing, search set-up, construction and one HGS generation on X-n101-k25 and R101)
# and the network's matrices; a few minutes.
bench:
	$(CARGO) bench --workspace --benches

# Travel matrices (1,000 sites, ~100,000 edges) vs scipy.sparse.csgraph.dijkstra; writes
# benches/network/RESULTS.md.
bench-network:
	$(VENV)/bin/python -c "import sys" 2>/dev/null || (rm -rf $(VENV) && $(PYTHON) -m venv $(VENV))
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check numpy scipy
	$(VENV)/bin/python benches/network/bench_matrices.py --repeats 5 --data $(DATA)

# Solution quality vs PyVRP, OR-Tools, HGS-CVRP (hygese) and VROOM (pyvroom) (benches/quality/README.md).
# Example:
#   make bench-quality QUALITY_ARGS="--set X --time-limit 30 --threads 1"
QUALITY_VENV ?= .venv-bench
QUALITY_ARGS ?= --set X --time-limit 30 --threads 1
QUALITY_DEPS = pyvrp ortools vrplib hygese pyvroom pytest
quality-venv:
	$(QUALITY_VENV)/bin/python -c "import pyvrp, ortools, vrplib, hygese, vroom, pytest" 2>/dev/null || (rm -rf $(QUALITY_VENV) && $(PYTHON) -m venv $(QUALITY_VENV) && $(QUALITY_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(QUALITY_DEPS))

bench-quality: quality-venv
	$(CARGO) build --release -p gongpei-cli
	$(QUALITY_VENV)/bin/python benches/quality/run.py --data $(DATA) --gongpei target/release/gongpei $(QUALITY_ARGS)

# The benchmark's tests with every peer installed (none skipped): adapters, worker, checker round trip.
test-bench-quality: quality-venv
	$(CARGO) build --release -p gongpei-cli
	GONGPEI_CLI=$(abspath target/release/gongpei) $(QUALITY_VENV)/bin/python -m pytest benches/quality/tests -q -rs -p no:cacheprovider

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

clean:
	$(CARGO) clean
	rm -rf $(VENV) out
