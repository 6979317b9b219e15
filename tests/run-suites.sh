#!/usr/bin/env bash
# The pytest suite against SQLite and, when a server answers at $PG_URL, PostgreSQL.
# The two runs share nothing (SQLite in memory, a test database on the server, browsers on
# ephemeral ports), so they run side by side: on the 2-core machine that halves the wall time.
# PostgreSQL's output is held in a file and printed after SQLite's; the exit status is non-zero
# if either run fails. The PostgreSQL run leaves out the tests that cannot reach a database
# (the pure clock's, say: see tests/conftest.py); the SQLite run has every test. The
# PostgreSQL run, the longer, is split over two pytest-xdist workers (a file stays on one
# worker, each worker its own test database): it waits on the server, so the two cores are
# used while the SQLite run goes on, and both when it has finished (measured: 10 min → 6 min).
# The browser tests (tests/browser: GOV.UK pages in headless Chromium, axe, 375 px) run in
# the SQLite run only: they drive the same views and queries the PostgreSQL run's client
# tests already exercise, and they took 135 s of a PostgreSQL worker, the difference
# between `make test` fitting its 10-minute budget or not.
# The SQLite run is split over two workers too (--dist loadfile, as the PostgreSQL run): run
# in one process it went on alone for its last 216 s of 595, after PostgreSQL's had finished,
# with one core idle; split, both runs keep both cores busy to the end, for the cost of a
# second process's migrations (~5.5 s) and kept rows built in each worker that needs them.
# SQLITE_WORKERS=0 runs it in one process again (pytest-xdist's -n 0).
# --dist loadfile keeps a file on one worker; tests/conftest.py's scheduler also keeps
# together, on one worker, the tests that ask for the same kept rows (the demo area).
# Tests marked `once` (pyproject.toml) check what is the same on any database (who may open
# which page, besides one rendering cell per route; what pages say; PDFs drawn; the web tests
# but those in tests/web/conftest.py's ON_BOTH_DATABASES): the PostgreSQL run leaves them
# out, as it leaves out the browser tests. Its migrations run once, into a template database
# its workers' test databases are copied from (tests/pg_template.py).
# The SQLite run makes its test databases from the models (--no-migrations: 87 migrations
# took ~20 s a worker); the PostgreSQL run migrates, so the migrations are run on every
# `make test`, and tests/demo/test_schema.py checks that both give one schema.
# Tests marked `balance` (long, and the same on any database: the schema test's migrations,
# the clock's properties, the parallel validator, the report's PDF) run in the PostgreSQL
# run, not the SQLite run, when there is one: the SQLite run, with the browser tests, was
# the longer by about four minutes of test time (2026-12-04: SQLite 1,288 s, PostgreSQL
# 649 s, summed over each run's two workers), and `make test` is as long as its longer run.
set -uo pipefail
BIN=${BIN:-.venv/bin}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
SQLITE_WORKERS=${SQLITE_WORKERS:-2}

if ! "$BIN/python" bench/pg_reachable.py "$PG_URL"; then
	echo "PostgreSQL not reachable at $PG_URL: SQLite only"
	exec "$BIN/pytest" -n "$SQLITE_WORKERS" --dist loadfile --no-migrations "$@"
fi

echo "PostgreSQL reachable: running the suite against SQLite and $PG_URL side by side"
pg_log=$(mktemp)
# The migrated database each PostgreSQL worker's test database is copied from
# (tests/pg_template.py): the migrations run once, not once a worker. Named for this run, so
# two runs against one server do not meet.
pg_template="senda_test_template_$$"
trap 'rm -f "$pg_log"; "$BIN/python" tests/pg_template.py drop "$PG_URL" "$pg_template" >/dev/null 2>&1' EXIT
(
	"$BIN/python" tests/pg_template.py make "$PG_URL" "$pg_template" || exit 1
	DATABASE_URL="$PG_URL" SENDA_DATABASE_TESTS_ONLY=1 SENDA_TEST_DATABASE_TEMPLATE="$pg_template" \
		"$BIN/pytest" -n 2 --dist loadfile -m "balance or (not browser and not once)" "$@"
	rc=$?
	echo "(PostgreSQL run: ${SECONDS} s)"
	exit $rc
) >"$pg_log" 2>&1 &
pg_pid=$!
echo "=== SQLite ==="
"$BIN/pytest" -n "$SQLITE_WORKERS" --dist loadfile --no-migrations -m "not balance" "$@"
sqlite_rc=$?
sqlite_s=$SECONDS
wait "$pg_pid"
pg_rc=$?
echo "=== PostgreSQL ($PG_URL) ==="
cat "$pg_log"
echo "SQLite: exit $sqlite_rc in ${sqlite_s} s · PostgreSQL: exit $pg_rc · both: ${SECONDS} s"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
