#!/bin/sh
# Cycle counts of the SystemC model on the MAX78000 description against the
# vendor's reference counts (ai8x-synthesis izer/test/test_cycles.py, listed
# in shared/reference/README.md).  A one-layer network's total is the
# vendor's number (it includes one start-up cycle); a layer inside a larger
# test network is checked on its own row of the layer table (vendor - 1).
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
nets="$SRCDIR/tests/nets/cycles"

total() { # total NET INPUT EXPECTED
	got=$("$DEXSIM" --config max78000 --net "$nets/$1.yaml" --input "$2" --timing-only \
		--format csv | tail -1 | cut -d, -f8)
	if [ "$got" = "$3" ]; then ok; else not_ok "$1: $got cycles, vendor $3"; fi
}
layer() { # layer NET LAYER EXPECTED
	"$DEXSIM" --config max78000 --net "$nets/$1.yaml" --timing-only --report layers \
		--format csv > "$tmp/l.csv"
	got=$("$PYTHON" -c "
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r['name'] == sys.argv[2]:
        print(r['cycles'])" "$tmp/l.csv" "$2")
	if [ "$got" = "$(($3 - 1))" ]; then ok; else not_ok "$1/$2: $got cycles, vendor $3 - 1"; fi
}

total conv3x32 downsample 67981      # 3x32x32 -> 64, 3x3 pad 1
total conv3x32p0 downsample 59773    # pad 0
total conv3x32pool downsample 13885  # 2x2 stride-2 max pool first
total conv64x20 dex 3049             # 64x20x20, pool 2x2, pad 2 -> 16
total small downsample 16837         # convtranspose2d 3x7x9 -> 64
layer layers widein 2485             # 128x8x8, two passes -> 16, pad 1
layer layers widein_p0 1437          # the same, pad 0
layer layers widein_pool 773         # the same, pooled first
layer mnist conv 8189                # 1x28x28 -> 8, pad 1
layer eltwise add 721                # two 4x12x12 operands added
layer poolafter add 705              # two 8x17x17 operands added, then pooled
layer wide1 single 687               # 79x11x11 -> one channel
layer flatten mlp 770                # 12x8x8 flattened -> 10

# Without its pipeline the MAX78002's engine is the one the vendor's estimate
# describes (the MAX78000's): SimpleNet and WideNet take izer's estimated totals,
# 129,319 and 190,694 cycles (the ESTIMATED LATENCY of ai8xize.py's log for the
# vendor's cifar100-simple.yaml and cifar100-simplewide2x.yaml on the MAX78000),
# and run at most at 50 MHz.
for pair in "simplenet 129319" "widenet 190694"; do
	set -- $pair
	got=$("$DEXSIM" --config max78002 --net "$1" --classes 100 --set pipeline=false \
		--set clock_mhz=50 --format csv | tail -1 | cut -d, -f8)
	check "$1 on the MAX78002 without the pipeline: $got cycles, izer $2" test "$got" = "$2"
done
expect_error "max78002.yaml: a CNN clock of 200 MHz needs the pipeline \(pipeline: true\); without it the MAX78002's CNN runs at most at 50 MHz" \
	--config max78002 --net simplenet --set pipeline=false
finish
