# Dortmund citizen-information bot. `make run` sets up and starts everything; `make test` sets up and tests.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

APP := .venv/app/bin/python
RASA := .venv/rasa/bin/rasa
KNOWLEDGE := $(wildcard knowledge/*.yml)
TRAINING_DATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
# The custom NLU components train the model: a change to them retrains it.
NLU_CODE := $(wildcard bot/nlu/*.py)
MODEL_STAMP := models/.trained
# What Rasa reads: the hand-written domain and data plus what is generated from knowledge/ (bot.knowledge.rasa_data).
RASA_GENERATED := var/rasa/domain.yml var/rasa/data/answers_nlu.yml var/rasa/data/answers_rules.yml
RASA_FILES := --domain var/rasa/domain.yml --data data var/rasa/data --config config.yml
# What `setup` builds apart from loading the knowledge base into DATABASE_URL.
ENVIRONMENTS := .venv/rasa/.installed .venv/app/.installed var/spacy_de/meta.json $(RASA_GENERATED) widget-build

.PHONY: run cluster shell setup setup-test widget-build knowledge-load lint deploy-check validate unit train test-conversations test-nlu e2e test benchmark clean

run: setup $(MODEL_STAMP) ## Set up, train if needed, start all servers (Ctrl-C stops them)
	$(APP) -m bot.run

# CLUSTER_SIZE Rasa servers and action servers behind nginx on CLUSTER_PORT (docs/operations.md); Ctrl-C stops all.
# (bot.cluster creates the database when missing and loads the knowledge base itself)
cluster: $(ENVIRONMENTS) $(MODEL_STAMP) ## Start the bot as a cluster (PostgreSQL, Redis, RabbitMQ, nginx)
	scripts/setup_cluster.sh
	$(APP) -m bot.cluster

shell: setup $(MODEL_STAMP) ## Chat with the bot in the terminal
	$(APP) -m bot.run --shell

setup: $(ENVIRONMENTS) knowledge-load

.venv/rasa/.installed: requirements/rasa.txt scripts/find_python.sh
	@echo "==> Rasa environment (Python 3.10; about 2.7 GB, 1-3 minutes on first run)"
	@python=$$(scripts/find_python.sh) && "$$python" -m venv .venv/rasa
	.venv/rasa/bin/python -m pip install --disable-pip-version-check --progress-bar on --no-deps -r requirements/rasa.txt
	@touch $@

.venv/app/.installed: requirements/app.txt scripts/find_python.sh
	@echo "==> Action server and tools environment (Python 3.10, SQLAlchemy 2)"
	@python=$$(scripts/find_python.sh) && "$$python" -m venv .venv/app
	.venv/app/bin/python -m pip install --disable-pip-version-check --progress-bar on -r requirements/app.txt
	@touch $@

var/entity_patterns.jsonl: $(KNOWLEDGE) .venv/app/.installed
	@echo "==> Entity patterns from the knowledge base"
	$(APP) -m bot.knowledge.patterns --out $@

var/spacy_de/meta.json: var/entity_patterns.jsonl bot/nlu/spacy_pipeline.py .venv/rasa/.installed
	@echo "==> German spaCy pipeline (blank de + lookup lemmas + entity ruler)"
	.venv/rasa/bin/python -m bot.nlu.spacy_pipeline --patterns $< --output var/spacy_de

# The languages' interface texts become response variants of the domain.
$(RASA_GENERATED) &: $(KNOWLEDGE) $(wildcard knowledge/languages/*.yml) domain.yml bot/knowledge/rasa_data.py \
		bot/knowledge/schema.py .venv/app/.installed
	@echo "==> Topic intents, rules and answer examples for Rasa from the knowledge base"
	$(APP) -m bot.knowledge.rasa_data --out var/rasa

# Always (about a second): DATABASE_URL may point somewhere new since the last run.
knowledge-load: .venv/app/.installed
	@echo "==> Knowledge base into $${DATABASE_URL:-var/knowledge.db}"
	$(APP) -m bot.knowledge.loader --dir knowledge

$(MODEL_STAMP): $(TRAINING_DATA) $(NLU_CODE) $(RASA_GENERATED) var/spacy_de/meta.json .venv/rasa/.installed
	@echo "==> Training the model (data, knowledge or config changed)"
	$(RASA) train $(RASA_FILES) --out models --fixed-model-name dortmund
	@touch $@

train: setup $(MODEL_STAMP)

# Website widget (bundle built with npm) and the browser for its tests (Debian's chromium).
widget-build:
	@if [ -x scripts/setup_widget.sh ]; then scripts/setup_widget.sh build; fi

setup-test: setup
	@if [ -x scripts/setup_widget.sh ]; then scripts/setup_widget.sh browser; fi
	scripts/setup_cluster.sh

# ---- tests: lint, rasa data validate, unit tests, train, conversation tests, NLU test set, end to end ----
lint: .venv/app/.installed
	.venv/app/bin/ruff check .
	.venv/app/bin/ruff format --check .

# Dockerfiles (hadolint) and Kubernetes manifests (kubernetes-validate, strict) of deploy/, offline.
.venv/tools/.installed: requirements/tools.txt scripts/find_python.sh
	@echo "==> Tools environment for the deployment checks"
	@python=$$(scripts/find_python.sh) && "$$python" -m venv .venv/tools
	.venv/tools/bin/python -m pip install --disable-pip-version-check --no-deps -r requirements/tools.txt
	@touch $@

deploy-check: .venv/tools/.installed
	.venv/tools/bin/hadolint --failure-threshold warning deploy/docker/*.Dockerfile
	.venv/tools/bin/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

validate: setup
	$(RASA) data validate $(RASA_FILES) --fail-on-warnings
	$(APP) scripts/check_nlu_overlap.py

# Unit tests on every core (one file per worker, so a module's fixture is built once).
unit: setup
	$(APP) -m pytest -m "not e2e" -q -n auto --dist loadfile --durations=10

test-conversations: $(MODEL_STAMP)
	$(RASA) test core --model models/dortmund.tar.gz --stories tests \
		--fail-on-prediction-errors --out results/conversations

# Answer test sets: every language at least 90 % right answers, German and English at least 95 % (the issues'
# targets), so that a change for the worse fails. Then off-topic questions in the other languages.
test-nlu: $(MODEL_STAMP)
	$(RASA) test nlu --model models/dortmund.tar.gz --nlu tests/nlu/test_nlu.yml --out results/nlu
	$(APP) scripts/nlu_report.py results/nlu/intent_report.json --min-macro-f1 0.93
	.venv/rasa/bin/python scripts/parse_questions.py --model models/dortmund.tar.gz --questions tests/nlu/answers \
		--out results/answers/parsed.json
	$(APP) scripts/answer_report.py results/answers/parsed.json --min-accuracy 0.90 \
		--min-language-accuracy de=0.95 --min-language-accuracy en=0.95 --min-topic-f1 0.95
	.venv/rasa/bin/python scripts/parse_questions.py --model models/dortmund.tar.gz --questions tests/nlu/off_topic \
		--out results/off_topic/parsed.json
	$(APP) scripts/off_topic_report.py results/off_topic/parsed.json --min-kept 0.9

e2e: setup-test $(MODEL_STAMP)
	$(APP) -m pytest -m e2e -q -n auto --dist loadfile --durations=25

test: setup setup-test lint deploy-check validate unit train test-conversations test-nlu e2e ## Set up and run every test

benchmark: setup setup-test $(MODEL_STAMP)
	$(APP) benchmarks/run.py
	$(APP) benchmarks/off_topic.py
	$(APP) benchmarks/telegram_throughput.py
	$(APP) benchmarks/cluster.py

clean:
	rm -rf var models results .pytest_cache
