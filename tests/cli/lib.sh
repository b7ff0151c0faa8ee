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
demo_layers() { # demo_layers DEVICE PREFIX: the demo's per-layer table (timing only, with
	# the vendor command's options) into $tmp/PREFIX.csv, run on a checkpoint and input
	# of its shapes (tests/tools/shape_checkpoint.py).  Returns 1 when the checkpoint
	# cannot be made, 2 when dexsim fails.
	demo_json="$SRCDIR/tests/demos/shapes/$1-$2.json"
	"$PYTHON" "$SRCDIR/tests/tools/shape_checkpoint.py" "$demo_json" "$tmp/$2.pth.tar" \
		"$tmp/$2.npy" > /dev/null || return 1
	set -- "$1" "$2" $("$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
print(d['yaml'], *[o for o in d['options'] if o == '--overlap-data'])" "$demo_json")
	demo_device=$1 demo_prefix=$2 demo_yaml=$3; shift 3
	"$DEXSIM" --config "$demo_device" --net "$SRCDIR/tests/demos/networks/$demo_yaml" \
		--checkpoint "$tmp/$demo_prefix.pth.tar" --input-tensor "$tmp/$demo_prefix.npy" \
		--timing-only --report layers --format csv "$@" > "$tmp/$demo_prefix.csv" || return 2
}
