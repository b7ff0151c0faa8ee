# Helpers for the command-line tests: each test counts its checks and exits
# non-zero if any failed.  Tests set $tmp to a scratch directory.
passed=0
failed=0
ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	desc=$1; shift
	if "$@"; then ok; else not_ok "$desc"; fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
expect_error() { # expect_error PATTERN ARGS...: exit status 2, stderr matching PATTERN
	pattern=$1; shift
	"$DEXSIM" "$@" > "$tmp/expect.out" 2> "$tmp/expect.err"
	status=$?
	if [ $status -eq 2 ] && grep -Eq -e "$pattern" "$tmp/expect.err"; then ok; else
		not_ok "$* -> status $status, stderr: $(cat "$tmp/expect.err")"; fi
}
