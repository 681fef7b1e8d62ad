#!/usr/bin/env bash
# Mutation testing, run by hand (not in CI): mutmut changes one thing at a time in
# serjournal/store/, transfer/, review/ and answers.py (the [tool.mutmut] section of
# pyproject.toml) and runs, for each mutant, only the fast in-process tests that
# called the mutated function. A mutant the tests do not notice "survived".
#
#   benchmarks/mutation.sh                      every mutant not yet checked
#   benchmarks/mutation.sh 'serjournal.review.patterns.*'      one module (a glob)
#   MUTATION_RECHECK=survived benchmarks/mutation.sh [GLOB...]  survivors again (those
#                                                matching the globs), after adding tests
#   MUTATION_SAMPLE=300 benchmarks/mutation.sh   300 unchecked mutants drawn at random
#                                                (seed 16), for a fair rate in less time
#
# MUTATION_TIME_BOX (seconds, default 3000) stops the run; what was checked is kept in
# mutants/ and the next run goes on from there (mutmut checks the mutants with the
# fastest tests first, so a run stopped early has seen a biased part: say so, or
# sample). Changing the test files listed in [tool.mutmut] makes mutmut forget every
# result (its rule), so list a new test file there before a long run, not after.
# MUTATION_CHILDREN (default 2) mutants run at once, under nice -n 19: the machine is
# shared. Ends with the counts and the survival rate.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
box="${MUTATION_TIME_BOX:-3000}"
children="${MUTATION_CHILDREN:-2}"

"$python" -m pip install --quiet -e '.[mutation]'

names() {  # mutant names whose status is $1, from mutmut's own results
    "$python" -m mutmut results --all true 2>/dev/null | sed -n "s/^ *\([^ :]*\): $1\$/\1/p"
}

targets=("$@")
if [ "${MUTATION_RECHECK:-}" != "" ]; then
    # Those whose names match the globs given, if any.
    mapfile -t targets < <(names "$MUTATION_RECHECK" | "$python" -c '
import fnmatch, sys
globs = sys.argv[1:] or ["*"]
print("\n".join(n for n in sys.stdin.read().split() if any(fnmatch.fnmatch(n, g) for g in globs)))
' "$@")
    echo "checking again ${#targets[@]} mutants that were: $MUTATION_RECHECK"
elif [ "${MUTATION_SAMPLE:-}" != "" ]; then
    mapfile -t targets < <(names "not checked" | "$python" -c '
import random, sys
names = sys.stdin.read().split()
print("\n".join(sorted(random.Random(16).sample(names, min(int(sys.argv[1]), len(names))))))
' "$MUTATION_SAMPLE")
    echo "checking a random sample of ${#targets[@]} unchecked mutants"
fi
if [ "${MUTATION_RECHECK:-}${MUTATION_SAMPLE:-}" != "" ] && [ "${#targets[@]}" = 0 ]; then
    echo "no mutants to check (run benchmarks/mutation.sh once first)"
    exit 0
fi

mkdir -p mutants
started=$(date +%s)
status=0
# SIGINT lets mutmut stop cleanly and keep what it found.
nice -n 19 timeout --signal=INT "$box" \
    "$python" -m mutmut run --max-children "$children" "${targets[@]}" >mutants/run.log 2>&1 \
    || status=$?
elapsed=$(($(date +%s) - started))
tail -c 300 mutants/run.log | tr '\r' '\n' | tail -n 1  # mutmut's last progress line
[ "$status" = 124 ] && echo "stopped by the time box after ${box}s; run again to go on"

"$python" -m mutmut export-cicd-stats >/dev/null
"$python" - "$elapsed" <<'PY'
import json, sys
s = json.load(open("mutants/mutmut-cicd-stats.json"))
checked = s["killed"] + s["survived"] + s["timeout"]
unchecked = s["total"] - checked - s["no_tests"] - s["skipped"] - s["suspicious"] - s["segfault"]
print(f"mutants {s['total']}: killed {s['killed']}, survived {s['survived']}, "
      f"timeouts {s['timeout']}, no test reaches {s['no_tests']}, not checked yet {unchecked}")
if checked:
    print(f"survival rate {100 * s['survived'] / checked:.1f}% of the {checked} checked "
          f"(timeouts count as killed); this run took {int(sys.argv[1])} s")
PY
