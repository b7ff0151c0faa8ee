#!/bin/sh
# scripts/compare-tables: exit 0 within tolerance, 1 on a regression, 2 on bad input.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
ct() { "$PYTHON" "$SRCDIR/scripts/compare-tables" "$@" > report 2>&1; echo $?; }

printf 'layer,name,cycles,latency_us\n0,conv1,1000,20.00\n1,conv2,2000,40.00\n' > base.csv
cp base.csv same.csv
printf 'layer,name,cycles,latency_us\n0,conv1,1000,20.00\n1,conv2,2010,40.20\n' > moved.csv
printf 'layer,name,cycles,latency_us\n0,conv1,1000,20.00\n' > missing.csv
printf 'layer,name,cycles,latency_us\n0,conv1,1000,20.00\n1,conv2,2000,40.00\n2,conv3,1,1\n' > extra.csv
printf 'layer,name,cycles\n0,conv1,1\n0,conv1,2\n' > dup.csv
printf 'other\n1\n' > other.csv

check "identical: 0" test "$(ct base.csv same.csv)" -eq 0
check "moved value: 1" test "$(ct base.csv moved.csv)" -eq 1
check "report names row, column, old, new, delta" grep -q "layer=1: cycles: 2000 -> 2010 (+0.500 %)" report
# 2000 -> 2010 is 0.5 %; 40.00 -> 40.20 is 0.2 absolute.
check "within tolerance: 0" test "$(ct base.csv moved.csv --tol cycles=0.5% --tol latency_us=0.2)" -eq 0
check "beyond tolerance: 1" test "$(ct base.csv moved.csv --tol cycles=0.4% --tol latency_us=0.2)" -eq 1
check "missing row: 1" test "$(ct base.csv missing.csv)" -eq 1
check "missing row reported" grep -q "missing row: name=conv2, layer=1" report
check "extra row: 1" test "$(ct base.csv extra.csv)" -eq 1
check "unreadable file: 2" test "$(ct base.csv nosuch.csv)" -eq 2
check "no shared columns: 2" test "$(ct base.csv other.csv)" -eq 2
check "duplicate key: 2" test "$(ct dup.csv base.csv)" -eq 2
check "bad tolerance: 2" test "$(ct base.csv same.csv --tol cycles)" -eq 2
check "explicit key" test "$(ct base.csv moved.csv --key name --tol cycles=1% --tol latency_us=1%)" -eq 0
check "a closing count" grep -qx "2 rows compared, 0 differ" report
# all=: one tolerance for every column without its own.
check "--tol all within: 0" test "$(ct base.csv moved.csv --tol all=0.5%)" -eq 0
check "--tol all beyond: 1" test "$(ct base.csv moved.csv --tol all=0.4%)" -eq 1
check "its own tolerance wins over all" test "$(ct base.csv moved.csv --tol all=0.1% --tol cycles=0.5% --tol latency_us=0.5%)" -eq 0

# Sweeps: status is compared, not a key.  Every point ran in the baseline; in
# the new run none fits (its measures are empty): every row differs.
printf 'channels,net,cycles,status
3,simplenet,100,ok
16,simplenet,100,ok
' > ran.csv
printf 'channels,net,cycles,status
3,simplenet,,too big
16,simplenet,,too big
' > failed.csv
check "ok to error: 1" test "$(ct ran.csv failed.csv --key channels,net)" -eq 1
check "the status change is named" grep -q "channels=3, net=simplenet: status: ok -> too big" report
check "both rows differ" grep -qx "2 rows compared, 2 differ" report
printf 'channels,net,cycles,status
3,simplenet,,too big
16,simplenet,,other reason
' > failed2.csv
check "another error: 1" test "$(ct failed.csv failed2.csv --key channels,net)" -eq 1
check "one row differs" grep -qx "2 rows compared, 1 differ" report

# Two sweep tables: the swept numbers (channels, clock) are keys by default,
# so the rows match up; a changed figure is found.
export DEXSIM
sweep() { sh "$SRCDIR/scripts/sweep.sh" --config max78000 --net simplenet --input dex \
	--channels 16,32 --set clock_mhz=50,100 --timing-only "$@" > /dev/null 2>&1; }
sweep --out s1.csv
sweep --out s2.csv
sweep --out s3.csv --set host.timed_overhead_cycles=700
check "two equal sweeps: 0" test "$(ct s1.csv s2.csv)" -eq 0
check "keyed on the swept values" grep -q "on key (.*channels, clock_mhz" report
check "4 rows" grep -qx "4 rows compared, 0 differ" report
check "a slower host: 1" test "$(ct s1.csv s3.csv)" -eq 1
check "every point's latency moved" grep -qx "4 rows compared, 4 differ" report
check "named by its swept values" grep -q "channels=16, clock_mhz=50.*: latency_us: 2593.00 -> " report

# A layer report as JSON carries its summary: a change the layers do not show
# (the host's time in the measured latency) is found; the CSV layers miss it.
"$DEXSIM" --config max78000 --net simplenet --report layers --format json > l1.json
"$DEXSIM" --config max78000 --net simplenet --report layers --format json \
	--set host.timed_overhead_cycles=700 > l2.json
"$DEXSIM" --config max78000 --net simplenet --report layers --format csv > l1.csv
"$DEXSIM" --config max78000 --net simplenet --report layers --format csv \
	--set host.timed_overhead_cycles=700 > l2.csv
check "same layers in CSV: 0" test "$(ct l1.csv l2.csv)" -eq 0
check "JSON report, layers and summary: 1" test "$(ct l1.json l2.json)" -eq 1
# 38 more host cycles at 100 MHz: 0.38 us.
check "the summary's latency moved" grep -q "^  summary: .*latency_us: 2593.00 -> 2593.38" report
check "its layers did not" grep -q "^layers: compared 14 rows.*: 0 difference" report
check "the same report: 0" test "$(ct l1.json l1.json)" -eq 0
check "a table against a report: 2" test "$(ct l1.csv l1.json)" -eq 2

# A closed pipe (| head) is no traceback; the verdict is still the exit status.
seq 1 3000 | awk 'BEGIN { print "layer,cycles" } { print $1 "," $1 }' > many.csv
seq 1 3000 | awk 'BEGIN { print "layer,cycles" } { print $1 "," $1 + 1 }' > many2.csv
"$PYTHON" "$SRCDIR/scripts/compare-tables" many.csv many2.csv 2> pipe.err | head -1 > /dev/null
check "no traceback on a closed pipe" test ! -s pipe.err
( "$PYTHON" "$SRCDIR/scripts/compare-tables" many.csv many2.csv 2> /dev/null; echo $? > status ) |
	head -1 > /dev/null
check "and the verdict stands: 1" test "$(cat status)" -eq 1
finish
