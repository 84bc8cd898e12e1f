# Build, lint and test entry points; everything runs from the project's own .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv system-packages lint format test demo bench package translations clean

venv: $(STAMP)

# Reinstall only when pyproject.toml changes (or the venv is new). The package extra is there
# because the suite builds the frozen app once (tests/test_frozen.py).
$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	touch $@

# What the tests need from the system (PostgreSQL, D-Bus, gnome-keyring, Qt's libraries):
# installed when make runs as root, otherwise the one command to run is named.
system-packages:
	PYTHON=$(PYTHON) bash tests/support/install_system_packages.sh

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict fieldapp
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

test: system-packages venv lint
	QT_QPA_PLATFORM=offscreen bash tests/support/with_keyring.sh \
		$(BIN)/pytest --numprocesses $(PYTEST_WORKERS) $(PYTEST_ARGS)

demo: venv
	$(BIN)/python main.py --demo

# Every benchmark but the modules they share and the floor sync_benchmark.py runs itself, with
# a real Secret Service and no display, as the tests run (round_real_app.py starts the app,
# which keeps its cache key in the keyring).
BENCH_PARTS = benchmarks/bench_kit.py benchmarks/server_watch.py benchmarks/sync_floor.py
BENCHMARKS = $(filter-out $(BENCH_PARTS),$(wildcard benchmarks/*.py))

bench: system-packages venv
	QT_QPA_PLATFORM=offscreen bash tests/support/with_keyring.sh bash -ec \
		'for script in $(BENCHMARKS); do echo "== $$script"; $(BIN)/python "$$script"; done'

# The frozen app in dist/fieldapp/ (on macOS also dist/FieldApp.app); packaging/README.md says
# how to make an installer of it and sign it.
package: venv
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/fieldapp.spec

# Update the translation catalogues from the code and compile them (docs/languages.md).
translations: venv
	$(BIN)/python packaging/translations.py

clean:  # caches only; the venv stays
	rm -rf .mypy_cache .ruff_cache .pytest_cache .import_linter_cache .hypothesis
