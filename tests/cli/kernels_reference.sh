#!/bin/sh
# dexsim's arithmetic against the independent NumPy reference, bit for bit,
# on 400 seeded random cases (every operation, width, shift, pad, pooling,
# element-wise order, multi-pass channel counts, saturation and rounding),
# once for each dot-product path this host runs (DEXSIM_KERNELS chooses it;
# the JSON run record lists the host's).  A failure prints the case to
# rerun: DEXSIM_KERNELS=PATH kernel_cases.py --only K.
paths=$("$DEXSIM" --config max78000 --net simplenet --timing-only --format json |
	"$PYTHON" -c 'import json, sys; print(" ".join(json.load(sys.stdin)["run"]["host_dot_products"]))') ||
	{ echo "cannot list the host's dot-product paths"; exit 1; }
case " $paths " in
*" portable "*) ;;
*) echo "the portable path is missing from: $paths"; exit 1 ;;
esac
for path in $paths; do
	echo "dot products: $path"
	used=$(DEXSIM_KERNELS=$path "$DEXSIM" --config max78000 --net simplenet --format json |
		"$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["run"]["dot_products"])')
	[ "$used" = "$path" ] || { echo "DEXSIM_KERNELS=$path ran $used"; exit 1; }
	DEXSIM_KERNELS=$path "$PYTHON" "$SRCDIR/tests/reference/kernel_cases.py" \
		--dexsim "$DEXSIM" --cases 400 || exit 1
done
