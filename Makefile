# Senda — run `make help` to see every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(STAMP)

install: $(STAMP) ## Install Python dependencies into .venv/ and front-end assets into node_modules/

demo: install ## Build the synthetic local area in SQLite and serve it on http://127.0.0.1:8000 (SEED=n optional)
	$(BIN)/senda demo $(if $(SEED),--seed $(SEED))

serve: install ## Serve the current database on http://127.0.0.1:8000
	$(BIN)/senda serve

sso: install ## Run a local OpenID Connect provider for the demo personas on :9400 and print the variables Senda needs
	$(BIN)/senda sso_provider

browsers: ## Install Debian's Chromium, ChromeDriver and Pango (browser tests, PDFs) and ClamAV (upload scans), when missing
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		&& ldconfig -p | grep -q libpangoft2-1.0 \
		&& command -v clamscan >/dev/null && { command -v clamd >/dev/null || test -x /usr/sbin/clamd; }; then :; else \
		echo "Installing chromium, chromium-driver, Pango and ClamAV from Debian's packages"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO apt-get install -y -qq chromium chromium-driver libpango-1.0-0 libpangoft2-1.0-0 clamav clamav-daemon; fi

# Python writes its bytecode while the suite runs, even where the machine says not to
# (PYTHONDONTWRITEBYTECODE=1): otherwise each of the suite's four pytest workers compiles Senda
# and rewrites every test module's asserts again (~14 s of CPU each), and every `senda`
# subprocess a test starts compiles Senda again. One collection, beside mypy, fills the cache.
test: export PYTHONDONTWRITEBYTECODE :=
test: install browsers ## Run the whole suite: lint, types, migrations check, tests on SQLite and (if reachable) PostgreSQL
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/pytest --collect-only --no-migrations >/dev/null 2>&1 & warm=$$!; $(MAKE) --no-print-directory checks; status=$$?; wait $$warm; exit $$status
	BIN=$(BIN) PG_URL="$(PG_URL)" tests/run-suites.sh

# What `make test` checks besides the tests, one after another while the suite's collection
# fills the bytecode cache beside them (the collection waits on the disk and on imports, so the
# two together take about as long as the collection alone).
checks: install ## Types, the migrations check, the generated docs and the CSS (part of make test)
	$(BIN)/mypy
	$(BIN)/senda makemigrations --check --dry-run
	$(BIN)/python -m senda.clock.docs --check docs/clock.md
	$(BIN)/python -m senda.performance.weekly.docs --check docs/service-dashboard.md
	$(BIN)/python -m senda.performance.catalogue.docs --check docs/kpis.md
	$(BIN)/python -m senda.interchange.sen2.docs --check docs/sen2.md
	$(BIN)/python -m senda.web.accessibility --check docs/accessibility-results.json
	@$(SASS) $(SCSS) | cmp -s - $(CSS) || { echo "$(CSS) is out of date: run make css"; exit 1; }

fmt: install ## Format and fix lint
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

SASS := node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules
SCSS := src/senda/web/scss/govuk-frontend.scss
CSS := src/senda/web/static/senda/govuk-frontend.css
css: install ## Rebuild GOV.UK Frontend's styles as Senda serves them (Arial, no GOV.UK font) from src/senda/web/scss
	$(SASS) $(SCSS) $(CSS)

docs: install ## Regenerate docs/clock.md, docs/service-dashboard.md, docs/kpis.md and the tables of docs/sen2.md from the code
	$(BIN)/python -m senda.clock.docs docs/clock.md
	$(BIN)/python -m senda.performance.weekly.docs docs/service-dashboard.md
	$(BIN)/python -m senda.performance.catalogue.docs docs/kpis.md
	$(BIN)/python -m senda.interchange.sen2.docs docs/sen2.md
	$(BIN)/python -m senda.web.accessibility docs/accessibility-results.json

accessibility-results: install ## Run the browser tests and write what axe-core found on each page to docs/accessibility-results.json (the accessibility statement's source)
	SENDA_AXE_RESULTS=write $(BIN)/pytest -q -m browser -p no:cacheprovider tests/browser
	$(BIN)/python -m senda.web.accessibility --check docs/accessibility-results.json

bench: install ## National-scale clock benchmark (650,000 plans, ~5.2M events): pure and mypyc-compiled clock
	$(BIN)/python bench/clock_bench.py --out bench/out/clock-pure.json
	bench/build_compiled_clock.sh
	PYTHONPATH=bench/out/mypyc $(BIN)/python bench/clock_bench.py --out bench/out/clock-compiled.json
	@echo "For the web pages under load on PostgreSQL, run: make bench-web"

BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench-web: install ## Web benchmark: demo area in PostgreSQL (db senda_bench), 20 users for 60 s; docs/benchmarks.md
	$(BIN)/python bench/web_bench.py --server "$(BENCH_PG)" $(BENCH_ARGS)

bench-portal: install ## Portal benchmark: demo area in PostgreSQL (db senda_bench_portal), 50 portal users + 20 staff + 20 family users for 60 s
	$(BIN)/python bench/portal_bench.py --server "$(BENCH_PG)" $(BENCH_ARGS)

bench-qa-pages: install ## QA pages benchmark: demo area in PostgreSQL (db senda_bench_qa_pages), 20 staff on audit, round and sample pages for 60 s
	$(BIN)/python bench/qa_bench.py --server "$(BENCH_PG)" $(BENCH_ARGS)

bench-plans: install ## Plan page benchmark: a 150-action plan in PostgreSQL (db senda_bench_plans), 20 users
	$(BIN)/python bench/plan_bench.py --server "$(BENCH_PG)" $(BENCH_ARGS)

bench-upload: install ## A 10 MB PDF uploaded through the page with its real ClamAV scan (clamscan and clamd): ≤ 2 s
	$(BIN)/python bench/upload_bench.py $(BENCH_ARGS)

bench-tick: install ## senda tick: the demo area (< 30 s) and a national-scale register (650,000 plans, < 10 min)
	$(BIN)/python bench/tick_bench.py $(BENCH_ARGS)

bench-qa: install ## Sampling plans for audit: 5% of a 650,000-plan register (<= 2 s), and frame() over a database
	$(BIN)/python bench/qa_sample_bench.py $(BENCH_ARGS)

bench-sen2: install ## SEN2 return: 650,000 persons written and validated, streaming (each <= 30 s, <= 2 GB)
	$(BIN)/python bench/sen2_bench.py --compare $(BENCH_ARGS)

bench-forecast: install ## Demand forecast: the demo area (1,000 simulations <= 5 s, backtest <= 30 s) and a 650,000-plan register (<= 60 s, <= 4 GB)
	$(BIN)/python bench/forecast_bench.py $(BENCH_ARGS)

bench-sen2-export: install ## SEN2 return from the database: 650,000-person register (<= 30 s, <= 2 GB) and the demo area (<= 3 s)
	$(BIN)/python bench/sen2_export_bench.py $(BENCH_ARGS)

bench-destinations: install ## Participation extract: importing 50,000 young people's monthly records (<= 10 s), and re-importing with changes
	$(BIN)/python bench/destinations_bench.py $(BENCH_ARGS)

bench-backup: install ## The demo area backed up, wiped and restored: every table's rows and every file's checksum back
	$(BIN)/python bench/backup_demo.py $(BENCH_ARGS)

bench-waits: install ## ND waiting list: /waits/ and its distributions for 10,000 referrals (p95 <= 200 ms)
	$(BIN)/python bench/waits_bench.py $(BENCH_ARGS)

lock: ## Re-resolve requirements.lock from pyproject.toml (needs network)
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --extra build --python-version 3.11 --generate-hashes -o requirements.lock

clean: ## Remove .venv, node_modules and the local database
	rm -rf $(VENV) node_modules .senda

.PHONY: help install browsers demo serve sso test checks fmt docs accessibility-results bench bench-web bench-portal bench-qa-pages bench-plans bench-tick bench-upload bench-qa bench-sen2 bench-sen2-export bench-forecast bench-waits bench-destinations bench-backup lock clean
