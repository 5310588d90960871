# heavylegs: `make run` serves the assistant, `make test` runs the whole suite.
# Both set everything up on a fresh machine: virtualenv, packages, the trained model.

SHELL := /bin/bash
PORT ?= 8000
export PORT
HOST ?= 127.0.0.1
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/heavylegs.tar.gz
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONWARNINGS := ignore
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

# Rasa 3.6 needs Python 3.10: take the first interpreter that really is 3.10.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 \
	/usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo $$p; break; }; done)

TRAINING_INPUTS := bot/config.yml bot/domain.yml \
	$(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null)

.PHONY: run test install train migrate lint eval clean help

help:
	@echo "make run    install, train if needed, serve on http://$(HOST):$(PORT)"
	@echo "make test   install, train if needed, run the whole test suite"
	@echo "make eval   runner cases in both modes + NLU cross-validation, one summary table"
	@echo "make lint   ruff"
	@echo "make bench  service vs the rasa init bot: load, latency, memory (docs/performance.md)"
	@echo "make bench-hostile  /health while the costliest messages are read"
	@echo "make clean  remove the virtualenv, models and local database"

$(BIN)/python:
	@if [ -z "$(PYTHON310)" ]; then \
		echo "error: Python 3.10 not found (Rasa 3.6 needs it). Install it, e.g. 'pyenv install 3.10', or set PYTHON310=/path/to/python3.10" >&2; \
		exit 1; fi
	@echo "==> creating virtualenv $(VENV) with $(PYTHON310)"
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==24.3.1"

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	@echo "==> installing packages (first time: about 2 minutes, 2.7 GB)"
	$(BIN)/pip install --progress-bar on -c constraints.txt -e '.[test]'
	@touch $@

install: $(VENV)/.installed

# Retrains only when training data, domain, config or the custom NLU component changed.
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	@echo "==> training the Rasa model (about 30 seconds)"
	$(BIN)/rasa train --config bot/config.yml --domain bot/domain.yml \
		--data data/nlu data/rules data/stories --out models --fixed-model-name heavylegs
	@touch $@

# The learned readers of bot/listening (data/understanding): about 30 seconds.
READERS := models/readers.joblib
$(READERS): $(VENV)/.installed $(wildcard data/understanding/*.yml) bot/listening/learned.py
	@echo "==> training the learned readers (about 30 seconds)"
	$(BIN)/python -m bot.listening.learned models

train: $(MODEL) $(READERS)

migrate: install
	@echo "==> applying database migrations"
	$(BIN)/alembic upgrade head

run: $(MODEL) $(READERS) migrate
	@echo "==> serving on http://$(HOST):$(PORT) (docs at /docs)"
	$(BIN)/uvicorn api.main:create_app --factory --host $(HOST) --port $(PORT)

test: $(MODEL) $(READERS)
	$(BIN)/pytest

# Runner cases (tests/eval) through ../shared/eval/converse.py in both modes, plus NLU
# cross-validation; starts a service if none answers on http://127.0.0.1:$(PORT).
eval: $(MODEL) $(READERS)
	EVAL_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python -m tests.eval.run

# Service vs the `rasa init` bot, one after the other; BENCH_SECONDS=5 for a smoke run.
.PHONY: bench bench-hostile
bench: $(MODEL) $(READERS)
	$(BIN)/python -m bench.run

# /health latency while 8 clients send the costliest messages (docs/performance.md).
bench-hostile: $(MODEL) $(READERS)
	$(BIN)/python -m bench.hostile

lint: install
	$(BIN)/ruff check bot api tests

clean:
	rm -rf $(VENV) models var .pytest_cache .ruff_cache
