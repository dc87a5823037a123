#!/bin/bash
# The plugin's unit-test fixtures (tests/plugin/fixtures/*.format) must be
# what the module exports in events/mlxsim/*/format, except the event ID
# (assigned at each module load). A mismatch means: run
# tests/plugin/regen-fixtures.sh (never hand-edit the fixtures).
# Every exported format is also dumped base64-encoded as "# fmt64 EVENT ..."
# lines, which regen-fixtures.sh reads back from the console.

ALL_TESTS="
	load
	dump
	every_event_has_fixture
	every_fixture_is_exported
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FIXTURES=$MLXSIM_ROOT/tests/plugin/fixtures
EVENTS=$TRACEFS/events/mlxsim

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	[[ -d $EVENTS ]]
	check_err $? "$EVENTS missing"
	log_test "load, $EVENTS exists"
}

dump()
{
	local d name

	for d in "$EVENTS"/*/; do
		name=$(basename "$d")
		[[ -f $d/format ]] || continue
		base64 -w 96 "$d/format" | sed "s/^/# fmt64 $name /"
	done
	for name in header_page header_event; do
		[[ -f $TRACEFS/events/$name ]] &&
			base64 -w 96 "$TRACEFS/events/$name" | sed "s/^/# fmt64 $name /"
	done
	log_test "dump the exported formats"
}

every_event_has_fixture()
{
	local d name bad=() n=0

	for d in "$EVENTS"/*/; do
		name=$(basename "$d")
		[[ -f $d/format ]] || continue
		n=$((n + 1))
		if [[ ! -f $FIXTURES/$name.format ]]; then
			bad+=("$name: no fixture")
		elif ! diff -u <(grep -v '^ID:' "$FIXTURES/$name.format") \
			<(grep -v '^ID:' "$d/format") >/tmp/fmt.diff; then
			bad+=("$name: fixture differs: $(head -c 600 /tmp/fmt.diff)")
		fi
	done
	((n > 0))
	check_err $? "no mlxsim events exported"
	((${#bad[@]} == 0))
	check_err $? "$(printf '%s\n' "${bad[@]}") (run tests/plugin/regen-fixtures.sh)"
	log_test "each of the $n exported formats matches its fixture"
}

every_fixture_is_exported()
{
	local f name bad=()

	for f in "$FIXTURES"/*.format; do
		[[ -f $f ]] || continue
		name=$(basename "$f" .format)
		[[ -f $EVENTS/$name/format ]] || bad+=("$name")
	done
	((${#bad[@]} == 0))
	check_err $? "fixtures of events the module no longer has: ${bad[*]}"
	log_test "every fixture is an exported event"
}

tests_run
exit $EXIT_STATUS
