# The two commands a newcomer needs (see README.md).
.PHONY: run test bench bootstrap build

## make run: install what is missing, build, and serve on http://127.0.0.1:3000 (SQLite)
run:
	@scripts/run.sh

## make test: the whole test suite (unit, integration on SQLite and PostgreSQL, end-to-end)
test:
	@scripts/test.sh

## make bench: performance figures next to nginx serving a static file (see BENCHMARKS.md)
bench:
	@bench/run.sh --write

bootstrap:
	@scripts/bootstrap.sh --test

build:
	@bash -c 'source scripts/env.sh && scripts/bootstrap.sh && cargo leptos build --release --split && "$$SERVER_BIN" assets compress'
