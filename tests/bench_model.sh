#!/bin/sh
# Wall-clock of whole dexsim processes (start-up, loading, elaboration and
# report included), best of 20: WideNet on the MAX78000 with --timing-only
# (target 10 ms) and with the arithmetic (target 20 ms).  Exits 1 on a miss.
dexsim=${1:-./dexsim}
status=0

best_ms() { # best_ms ARGS...: the fastest of 20 runs, in milliseconds
	best=
	for i in $(seq 20); do
		t0=$(date +%s%N)
		"$dexsim" "$@" > /dev/null || exit 2
		t=$(( ($(date +%s%N) - t0) / 1000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$((best / 1000)).$(printf %03d $((best % 1000)))"
}

for mode in timing full; do
	if [ $mode = timing ]; then target=10; flag=--timing-only; else target=20; flag=; fi
	ms=$(best_ms --config max78000 --net widenet $flag)
	verdict=met
	awk "BEGIN { exit !($ms >= $target) }" && { verdict=MISSED; status=1; }
	echo "widenet max78000 ${flag:-(with arithmetic)}: $ms ms (target $target ms: $verdict)"
done
exit $status
