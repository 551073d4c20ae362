# gongpei: one entry point for building, testing and demonstrating the project.
# `make demo` and `make test` must work on a fresh machine with nothing installed by hand.

CARGO ?= cargo
PYTHON ?= python3
VENV ?= .venv
DATA ?= ../shared/data

.PHONY: all build test test-rust test-python demo bench fmt lint clean

all: build

build:
	$(CARGO) build --release --workspace

test: test-rust test-python

test-rust:
	$(CARGO) test --workspace --release
	$(CARGO) bench --workspace --no-run

test-python:
	@echo "python tests: added with the python package"

demo: build
	mkdir -p out
	./target/release/gongpei solve data/instances/A-n32-k5.vrp --time-limit 5 --seed 1 --out out/A-n32-k5.sol

bench:
	$(CARGO) bench --workspace

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

clean:
	$(CARGO) clean
	rm -rf $(VENV) out
