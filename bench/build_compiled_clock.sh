#!/usr/bin/env bash
# Compile a copy of the pure clock with mypyc (shipped with mypy, in the lock) into
# bench/out/mypyc/, for the benchmark's compiled run. The source tree is left untouched:
# the pure-Python clock stays the reference implementation.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/mypyc
rm -rf "$out" && mkdir -p "$out/senda"
cp src/senda/__init__.py "$out/senda/"
cp -r src/senda/clock "$out/senda/clock"
cp -r src/senda/kernel "$out/senda/kernel"  # the order guards' messages write dates with it
find "$out" -name __pycache__ -prune -exec rm -rf {} +
cd "$out"
../../../.venv/bin/mypyc senda/clock/evaluate.py senda/clock/counting.py senda/clock/status.py \
  senda/clock/model.py senda/clock/rules.py senda/clock/ceasing.py >build.log 2>&1 \
  || { cat build.log; exit 1; }
echo "compiled clock in $out"
