# PolicyWire: `make run` and `make test` bootstrap .venv on a fresh machine, then run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Keep Python's bytecode cache even where the environment turns it off: every test worker and
# every bot process the tests start would otherwise compile the project again.
unexport PYTHONDONTWRITEBYTECODE
# Test workers: twice the cores (at most 8), since the fault tests mostly wait on the bot
# processes they start; `--dist loadgroup` runs those in two lanes (tests/lanes.py).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); w=$$((2 * n)); [ $$w -gt 8 ] && w=8; echo $$w)

.PHONY: run test test-fast lint eval bench docker image clean venv

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/policywire run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	tests/ensure-postgres.sh
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup

test-fast: lint
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not spacy and not slow"

eval: $(STAMP)
	$(BIN)/python -m bench.eval

bench: $(STAMP)
	$(BIN)/python -m bench.perf

docker:
	docker build -t policywire .

# Builds the image with docker if a daemon answers, else with podman on a debootstrap base,
# then checks that `policywire ask` answers inside it (scripts/build-image.sh). Root, no .venv.
image:
	scripts/build-image.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
