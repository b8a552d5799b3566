#!/usr/bin/env bash
# Drives the harness binary as a user would and checks exit codes and outputs.
# Usage: cli_test.sh <harness binary> <source dir> <scratch dir>
set -u
harness=$1
src=$2
work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$work" || exit 1

failures=0
passes=0
check() { # check <description> <command...>: the command must succeed
    local what=$1
    shift
    if "$@"; then
        passes=$((passes + 1))
    else
        echo "FAILED: $what" >&2
        failures=$((failures + 1))
    fi
}
exit_code() { "$@" >/dev/null 2>&1; echo $?; }

cp_matrix=$src/scenarios/control-plane.jsonc
good=$src/tests/data/matrices/good/basic.jsonc

# list: ids, json, shards that partition the set
"$harness" list "$cp_matrix" >list.txt
check "list exits 0" test $? -eq 0
check "list prints ids" grep -q '^strongswan/.*/psk/' list.txt
check "ids are unique" test "$(sort list.txt | uniq -d | wc -l)" -eq 0
"$harness" list "$cp_matrix" --format json -o list.json
check "list --format json names the matrix" grep -q '"matrix": "control-plane"' list.json
"$harness" list "$cp_matrix" --shard 1/2 >s1.txt
"$harness" list "$cp_matrix" --shard 2/2 >s2.txt
check "shards partition the list" diff <(sort s1.txt s2.txt) <(sort list.txt)
check "shards are disjoint" test "$(sort s1.txt s2.txt | uniq -d | wc -l)" -eq 0
check "bad shard exits 2" test "$(exit_code "$harness" list "$cp_matrix" --shard 3/2)" -eq 2
check "unknown id exits 2" test "$(exit_code "$harness" list "$cp_matrix" --id no/such/id)" -eq 2

# validation errors name the file and exit 2 before anything runs
bad=$src/tests/data/matrices/malformed/09-unknown-dimension.jsonc
"$harness" run "$bad" --output run-bad >bad.out 2>bad.err
check "malformed matrix exits 2" test $? -eq 2
check "error names the file" grep -q "09-unknown-dimension.jsonc" bad.err
check "nothing ran for a malformed matrix" test ! -e run-bad

# run: writes the three reports; SKIPPED everywhere here, since no backend can start
"$harness" run "$good" --output run1 --quiet >run1.out 2>run1.err
check "run exits 0 when nothing is unmet" test $? -eq 0
for f in run.json junit.xml report.html; do
    check "run writes $f" test -s "run1/$f"
done
check "run prints where the HTML report is" grep -q "report: .*/run1/report.html" run1.out
check "verdicts say SKIPPED with a reason" grep -q '"verdict": "SKIPPED"' run1/run.json
check "skip exit code when all skipped" \
    test "$(exit_code "$harness" run "$good" --output run2 --quiet --skip-exit-code 77)" -eq 77

# report re-renders from JSON; rerun finds the matrix through run.json
"$harness" report run1/run.json --output rerendered >/dev/null
check "report exits 0" test $? -eq 0
check "report writes html" test -s rerendered/report.html
check "report writes junit" test -s rerendered/junit.xml
first_id=$("$harness" list "$good" | head -n 1)
"$harness" rerun "$first_id" --from run1/run.json --output run3 --quiet >/dev/null 2>&1
check "rerun exits 0" test $? -eq 0
check "rerun ran exactly one scenario" test "$(grep -c '"rerun_command"' run3/run.json)" -eq 1
echo '{"schema_version": "1", "scenarios": 3}' >broken.json
check "report of a broken run.json exits 2" \
    test "$(exit_code "$harness" report broken.json --output x)" -eq 2

# doctor says what the host can do
"$harness" doctor >doctor.txt
check "doctor exits 0" test $? -eq 0
check "doctor names the tiers" grep -q '^netns' doctor.txt
"$harness" doctor --format json --matrix "$cp_matrix" >doctor.json
check "doctor json plans the matrix" grep -q '"plan"' doctor.json

check "usage error exits 2" test "$(exit_code "$harness" run)" -eq 2

echo "$passes passed, $failures failed"
test "$failures" -eq 0
