#!/bin/sh
# A 10,000-point timing-only design-space sweep through dexsim --batch:
# 4 networks x 64 inputs (downsample, coordconv, DEX with 3..64 channels) x
# 39 CNN clocks (25..101 MHz) on the MAX78002, one batch per core.
# Prints points per second; target: under 10 s on 2 cores.  Then 1,000 of
# the points, drawn at random, run as separate processes: their CSV rows must
# equal the batch's, byte for byte.
dexsim=${1:-./dexsim}
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cores=$(nproc)
{ echo downsample; echo coordconv; seq -f "dex --channels %g" 3 64; } > "$tmp/inputs"
for net in simplenet widenet mobilenetv2 efficientnetv2; do
	while read -r input; do
		for mhz in $(seq 25 2 101); do
			echo "--config max78002 --net $net --input $input --set clock_mhz=$mhz --timing-only"
		done
	done < "$tmp/inputs"
done > "$tmp/points"
split -n "l/$cores" "$tmp/points" "$tmp/chunk."
t0=$(date +%s%N)
for chunk in "$tmp"/chunk.*; do
	"$dexsim" --batch "$chunk" --format csv --output "$chunk.csv" &
done
wait
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
points=$(wc -l < "$tmp/points")
rows=$(($(cat "$tmp"/chunk.*.csv | wc -l) - cores))  # less a header per chunk
ok=$(cat "$tmp"/chunk.*.csv | grep -c ',ok$')
echo "batch of $points timing-only points ($ok ok) on $cores cores: $ms ms," \
	"$((points * 1000 / (ms > 0 ? ms : 1))) points/s" \
	"(target 10000 ms: $([ "$ms" -lt 10000 ] && echo met || echo MISSED))"
ls "$tmp"/chunk.*.csv > "$tmp/tables"
"$PYTHON" - "$tmp/points" "$tmp/tables" "$dexsim" "$cores" <<'PY'
import concurrent.futures, csv, io, random, shlex, subprocess, sys
points = open(sys.argv[1]).read().splitlines()
rows = [r for table in open(sys.argv[2]).read().split() for r in csv.DictReader(open(table))]
sample = random.Random(1).sample(range(len(points)), 1000)

def alone(i):
    p = subprocess.run([sys.argv[3]] + shlex.split(points[i]) + ['--format', 'csv'],
                       capture_output=True, text=True)
    return i, p.stdout

differ = 0
with concurrent.futures.ThreadPoolExecutor(int(sys.argv[4])) as pool:
    for i, out in pool.map(alone, sample):
        names, values = list(csv.reader(io.StringIO(out)))
        batch = rows[i]
        if batch['status'] != 'ok' or [batch[n] for n in names] != values:
            differ += 1
            if differ <= 3:
                print('differs:', points[i], batch, values, file=sys.stderr)
print(f'{len(sample)} random points as separate processes: {differ} rows differ')
sys.exit(1 if differ else 0)
PY
same=$?
[ "$rows" -eq "$points" ] && [ "$ms" -lt 10000 ] && [ "$same" -eq 0 ]
