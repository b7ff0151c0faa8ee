#!/bin/sh
# Wall-clock of whole dexsim processes (start-up, loading, elaboration and
# report included), the median of 21 runs: WideNet on the MAX78000 with
# --timing-only (target 5 ms) and bit-exact (target 8 ms).  Beside each, the
# median of /bin/true started the same way: what starting any process costs
# on this machine.  Prints both figures, then exits 1 if a target is missed.
dexsim=${1:-./dexsim}
status=0

median_ms() { # median_ms COMMAND ARGS...: the median of 21 runs, in milliseconds
	for i in $(seq 21); do
		t0=$(date +%s%N)
		"$@" > /dev/null || exit 2
		echo $(( ($(date +%s%N) - t0) / 1000 ))
	done | sort -n | sed -n 11p | awk '{ printf "%.3f", $1 / 1000 }'
}

baseline=$(median_ms /bin/true)
for mode in timing full; do
	if [ $mode = timing ]; then target=5; flag=--timing-only; else target=8; flag=; fi
	ms=$(median_ms "$dexsim" --config max78000 --net widenet $flag)
	verdict=met
	awk "BEGIN { exit !($ms >= $target) }" && { verdict=MISSED; status=1; }
	echo "widenet max78000 ${flag:-(bit-exact)}: median $ms ms (target $target ms: $verdict;" \
		"starting /bin/true: $baseline ms)"
done
exit $status
