#!/bin/sh
# Builds the fuzz targets with clang's libFuzzer (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for SECONDS seconds.
#
#   tests/fuzz/run.sh SRCDIR WORKDIR SECONDS
#
# CC (default clang), FUZZ_CFLAGS, FUZZ_LIBS, ZIP_SONAME and PNG_SONAME come from
# `make fuzz`.  Each
# target starts from the seeds of tests/fuzz/seeds/TARGET plus the tree's own
# files of its kind (the descriptions, the checkpoint fixtures), and keeps its
# corpus in WORKDIR/corpus-TARGET between runs.  A crash is saved as
# WORKDIR/crash-TARGET-*: make it a regression input under tests/.  Exits 1
# when a target found one.
set -u
src=$1 work=$2 seconds=$3
cc=${CC:-clang}
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
sources="diag yamlfile layerops hwconfig network vendornet npy image readfile pnglib argsplit pickle
	checkpoint zipentry ziplib lazylib"
targets="config network set npy checkpoint image batch_line"

command -v "$cc" > /dev/null || { echo "fuzz: $cc not found (Debian: clang)" >&2; exit 2; }
mkdir -p "$work" || exit 2
# What the build's configure defines, for the sources fuzzed here.
printf '#define ZIP_SONAME "%s"\n#define PNG_SONAME "%s"\n#define DEXSIM_SRCDIR "%s"\n' \
	"${ZIP_SONAME:-libzip.so}" "${PNG_SONAME:-libpng16.so}" "$src" > "$work/fuzzconfig.h"
flags="-g -O1 -std=c11 -I$src/sim -I$src/tests/fuzz -include $work/fuzzconfig.h $FUZZ_CFLAGS"
for s in $sources; do
	$cc -c $flags -fsanitize=fuzzer-no-link $sanitize "$src/sim/$s.c" -o "$work/$s.o" || exit 2
done
status=0
for t in $targets; do
	$cc $flags -fsanitize=fuzzer $sanitize "$src/tests/fuzz/fuzz_$t.c" \
		$(for s in $sources; do echo "$work/$s.o"; done) $FUZZ_LIBS -o "$work/fuzz_$t" || exit 2
	corpus=$work/corpus-$t
	mkdir -p "$corpus"
	cp "$src/tests/fuzz/seeds/$t"/* "$corpus" 2>/dev/null
	case $t in
	config) cp "$src"/configs/*.yaml "$corpus" ;;
	network) cp "$src"/models/*.yaml "$src"/tests/vendor/*/*.yaml "$corpus" ;;
	checkpoint) cp "$src"/tests/checkpoint/*.pth.tar "$corpus" ;;
	esac
	"$work/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix="$work/crash-$t-" -print_final_stats=1 "$corpus" \
		> "$work/fuzz_$t.log" 2>&1
	rc=$?
	runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$work/fuzz_$t.log")
	if [ $rc -eq 0 ]; then
		echo "fuzz $t: ${runs:-?} inputs in ${seconds} s, nothing found"
	else
		echo "fuzz $t: FOUND a failure after ${runs:-?} inputs (see $work/fuzz_$t.log)"
		status=1
	fi
done
exit $status
