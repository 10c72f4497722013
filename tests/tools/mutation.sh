#!/usr/bin/env bash
# Mutation testing of the signing, decoding and scope modules with mutmut 3.
# Not part of CI (about a minute on 2 cores, longer on a cold venv). Run from the project root:
#
#   bash tests/tools/mutation.sh            # prints the survivors and the score
#
# It works on a scratch copy (mutmut writes mutants/ and needs a [mutmut]
# section in setup.cfg), with its own venv in /tmp. Tests that start a fresh
# interpreter (python -S, the Lambda layer, mypy) cannot see mutmut's
# trampolines and are left out, as are the slow hypothesis/oracle modules.
# MUTATION_SHOW=1 prints each survivor's diff; MUTATION_KEEP=1 keeps the copy.
# The score counts killed and timed-out mutants against all mutants tested.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VENV="${MUTATION_VENV:-/tmp/capability-mutmut-venv}"
WORK="$(mktemp -d /tmp/capability-mutation-XXXXXX)"
[ -n "${MUTATION_KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/mutmut" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "mutmut>=3,<4" pytest
fi

tar -C "$ROOT" --exclude=./.git --exclude='./.venv*' --exclude='*/__pycache__' -cf - . \
  | tar -C "$WORK" -xf -
cat >> "$WORK/setup.cfg" <<'CFG'

[mutmut]
source_paths = capability
also_copy =
    examples
    benchmarks
    README.md
    CHANGELOG.md
    LICENSE
only_mutate =
    capability/jws.py
    capability/decoding.py
    capability/scopes.py
pytest_add_cli_args_test_selection =
    tests
pytest_add_cli_args =
    -p
    no:cacheprovider
    --ignore=tests/test_oracle.py
    --ignore=tests/test_oracle_jwt.py
    --ignore=tests/test_oracle_decode.py
    --ignore=tests/test_aws_lambda.py
    --ignore=tests/test_layer.py
    --ignore=tests/test_typing.py
    -k
    not ProcessTest and not ImportCostTest and not TokenPathImportTest and not QuickstartTest
CFG

cd "$WORK"
"$VENV/bin/mutmut" run --max-children "${MUTATION_JOBS:-2}" > mutmut-run.log 2>&1 || { tail -c 3000 mutmut-run.log; exit 1; }
"$VENV/bin/mutmut" results --all true > results.txt 2>&1 || true
echo "survivors:"
grep -E ": (survived|no tests)" results.txt || echo "  (none)"
if [ -n "${MUTATION_SHOW:-}" ]; then
  for name in $(grep -E ": survived" results.txt | sed 's/: survived//'); do
    "$VENV/bin/mutmut" show "$name" 2>&1 | grep -E '^[-+][^-+]' || true
  done
fi
python3 - <<'PY'
import re
counts = {}
for line in open("results.txt"):
    match = re.search(r": ([a-z ]+)$", line.strip())
    if match:
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
killed = counts.get("killed", 0) + counts.get("timeout", 0)
total = sum(n for status, n in counts.items() if status not in ("skipped", "not checked"))
print("statuses: %s" % ", ".join("%s=%d" % item for item in sorted(counts.items())))
print("mutation score: %d of %d killed (%.1f%%)" % (killed, total, 100.0 * killed / max(total, 1)))
PY
