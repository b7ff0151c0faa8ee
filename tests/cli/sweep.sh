#!/bin/sh
# scripts/sweep.sh: the grid, one row per point, points that do not fit,
# both runners, chunks of points through dexsim --batch, and resuming an
# interrupted sweep without losing or duplicating rows.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export DEXSIM
sweep="$SRCDIR/scripts/sweep.sh"

# 2 nets x 3 inputs x 2 clocks = 12 points, in grid order.
sh "$sweep" --out grid.csv --config max78000 --net simplenet,widenet \
	--input downsample,coordconv,dex --set clock_mhz=50,100 --timing-only
"$PYTHON" - grid.csv <<'PY' && ok || not_ok "grid expansion"
import csv, itertools, sys
rows = list(csv.DictReader(open(sys.argv[1])))
head = list(rows[0].keys())
# The swept options, then the fixed ones: every option is recorded.
assert head[:5] == ['net', 'input', 'clock_mhz', 'config', 'timing-only'], head
assert head[-1] == 'status' and 'cycles' in head
want = list(itertools.product(['simplenet', 'widenet'], ['downsample', 'coordconv', 'dex'], ['50', '100']))
assert [(r['net'], r['input'], r['clock_mhz']) for r in rows] == want
for r in rows:
    assert r['status'] == 'ok'
    # The same cycles at either clock; latency = cycles / MHz + the host's
    # 662 cycles at 100 MHz in the timed window.
    assert abs(float(r['latency_us']) - int(r['cycles']) / int(r['clock_mhz']) - 6.62) < 0.01, r
PY

# Points that do not fit are rows too, with the reason.
sh "$sweep" --out fit.csv --config max78000 --net simplenet --input dex --resolution 45,46 --timing-only
check "a fitting point is ok" grep -q '^45,.*,ok$' fit.csv
check "a point that does not fit says why" grep -q "^46,max78000,simplenet,dex,yes,,.*overwrites the network input" fit.csv

# The fallback runner gives the same table.
SWEEP_RUNNER=xargs sh "$sweep" --out xargs.csv --config max78000 --net simplenet,widenet \
	--input downsample,coordconv,dex --set clock_mhz=50,100 --timing-only
check "xargs runner, same table" cmp -s grid.csv xargs.csv

# Chunks of any size give the same table.
sh "$sweep" --out chunks.csv --chunk 5 -j 3 --config max78000 --net simplenet,widenet \
	--input downsample,coordconv,dex --set clock_mhz=50,100 --timing-only
check "chunks of 5 points, same table" cmp -s grid.csv chunks.csv

# Interrupt a 66-point sweep, run it again: the same rows as an uninterrupted run.
args="--config max78000 --net simplenet --input downsample,dex --resolution $(seq -s, 8 40) --timing-only"
sh "$sweep" --out whole.csv $args
setsid sh "$sweep" --out cut.csv -j 1 --chunk 1 $args > /dev/null 2>&1 &
leader=$!
while [ "$(ls cut.csv.points 2>/dev/null | grep -c '\.csv$')" -lt 5 ]; do sleep 0.02; done
kill -TERM -"$leader" 2>/dev/null
wait "$leader" 2>/dev/null
sleep 0.3 # let any point the signal caught between steps end
touch -d '2000-01-01' cut.csv.points/*.csv
finished=$(find cut.csv.points -name '*.csv' ! -newermt '2001-01-01' | wc -l)
check "interrupted before the end" test "$finished" -lt 66
check "no table from an interrupted sweep" test ! -e cut.csv
sh "$sweep" --out cut.csv $args
check "resumed sweep, same rows" cmp -s whole.csv cut.csv
check "66 rows, no duplicates" test "$(tail -n +2 cut.csv | sort -u | wc -l)" -eq 66
check "finished points were not run again" \
	test "$(find cut.csv.points -name '*.csv' ! -newermt '2001-01-01' | wc -l)" -eq "$finished"

# One point: nothing swept, the options all fixed.
sh "$sweep" --out one.csv --config max78000 --net simplenet --timing-only 2> one.err
check "a one-point sweep runs its point" sh -c "tail -1 one.csv | grep -q ',129319,.*,ok\$'"

# The fallback runner without a fixed option: every point its own row.
SWEEP_RUNNER=xargs sh "$sweep" --out nofixed.csv --config max78000 --net simplenet,widenet \
	--input downsample,coordconv,dex --set clock_mhz=50,100 > /dev/null 2>&1
check "xargs runner without a fixed option: 12 rows" test "$(grep -c ',ok$' nofixed.csv)" -eq 12

# Values reach dexsim as they are: a path with a space, a list in brackets
# (one value with commas), and text a shell would run.
mkdir "with space"
cp "$SRCDIR/configs/max78000.yaml" "with space/hw.yaml"
sh "$sweep" --out space.csv --config "with space/hw.yaml" --net simplenet,widenet --timing-only > /dev/null 2>&1
check "a path with a space" test "$(grep -c ',ok$' space.csv)" -eq 2
sh "$sweep" --out list.csv --config max78000 --net simplenet --set 'conv2d_kernels=[1,3],[1,3,5]' \
	--timing-only > /dev/null 2>&1
check "a bracketed list is one value: 2 points" test "$(tail -n +2 list.csv | wc -l)" -eq 2
check "both run" test "$(grep -c ',ok$' list.csv)" -eq 2
sh "$sweep" --out inject.csv --config max78000 --net 'simplenet;touch injected' --timing-only > /dev/null 2>&1
check "no value is run as a command" test ! -e injected
check "the bad name is the point's error" grep -q "no such network" inject.csv

# A point killed by a signal is not finished: run again on resume, and the
# sweep fails while it stays so.  (The killer dies on a batch that holds a
# widenet point.)
cat > killer.sh <<EOS
#!/bin/sh
grep -q widenet "\$2" && kill -KILL \$\$
exec "$DEXSIM" "\$@"
EOS
chmod +x killer.sh
DEXSIM=./killer.sh sh "$sweep" --out killed.csv --chunk 1 --config max78000 --net simplenet,widenet --timing-only > /dev/null 2>&1
check "a sweep with a killed point exits 1" test $? -eq 1
check "and stores no row for it" test "$(cat killed.csv.points/*.csv | grep -c ',ok$')" -eq 1
check "and writes no table" test ! -e killed.csv
sh "$sweep" --out killed.csv --config max78000 --net simplenet,widenet --timing-only > /dev/null 2>&1
check "resumed, the killed point runs" test "$(grep -c ',ok$' killed.csv)" -eq 2

# The cache follows what a point reads, not its arguments' text.
cp "$SRCDIR/configs/max78000.yaml" hw.yaml
sh "$sweep" --out cache.csv --config hw.yaml --net simplenet --timing-only > /dev/null 2>&1
sed -i 's/^clock_mhz: 50 /clock_mhz: 100 /' hw.yaml
sh "$sweep" --out cache.csv --config hw.yaml --net simplenet --timing-only > /dev/null 2>&1
check "a changed description is simulated again" sh -c "tail -1 cache.csv | grep -q ',1299\.81,'"

# Usage errors exit 2 before any point runs.
for bad in "--bogus 1" "--output x.csv" "--dump dir" "-j x" "--chunk 0" "--set clock_mhz"; do
	sh "$sweep" --out usage.csv --config max78000 --net simplenet $bad > /dev/null 2> usage.err
	check "sweep $bad: exit 2" test $? -eq 2
done
check "the error names the option" grep -q "clock_mhz: expected KEY=VALUE" usage.err
sh "$sweep" --out usage.csv --net simplenet > /dev/null 2> usage.err
check "no --config: exit 2" test $? -eq 2
sh "$sweep" --out usage.csv --config max78000 --net "$(printf 'simple\nnet')" > /dev/null 2> usage.err
check "a value with a line break: exit 2" test $? -eq 2
check "no point ran" test ! -e usage.csv.points || test -z "$(ls usage.csv.points)"
sh "$sweep" --help > help.out
check "--help: exit 0" test $? -eq 0
check "--help: a usage line and the options" sh -c \
	"grep -q '^usage: sweep.sh --out FILE.csv' help.out && grep -q -- '--sshloginfile FILE' help.out"
sh "$SRCDIR/scripts/sweep-chunk" > /dev/null 2> usage.err
check "the chunk runner without its arguments: exit 2" test $? -eq 2
finish
