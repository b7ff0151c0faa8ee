#!/bin/sh
# --vcd: a VCD file (GTKWave) of the run, traced by SystemC: header, a 1 ps
# timescale, the declared signals (layer, row, each processor's activity,
# each data-memory instance's reads and writes, each quadrant's bias memory),
# and value changes in which each processor is active, in total, for exactly
# its active cycles, and the layers follow one another.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

vcd_check() { # VCD JSON CLOCK_MHZ
	"$PYTHON" - "$@" <<'PY'
import json, re, sys
vcd, stats, mhz = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), float(sys.argv[3])
header, _, body = vcd.partition('$enddefinitions')
assert '$version' in header and 'SystemC' in header
assert re.search(r'\$timescale\s+1 ps\s+\$end', header), 'timescale'
# Signal codes and their full names (scope.name).
names, scope = {}, []
for tok in re.finditer(r'\$scope module (\S+) \$end|\$upscope \$end|\$var wire\s+(\d+)\s+(\S+)\s+(\S+)', header):
    if tok.group(1):
        scope.append(tok.group(1))
    elif tok.group(0).startswith('$upscope'):
        scope.pop()
    else:
        names[tok.group(3)] = '.'.join(scope[1:] + [tok.group(4)])
n_proc, n_inst = len(stats['processors']), len(stats['memories'])
want = {'layer', 'row'} | {f'processor{p}.active' for p in range(n_proc)} \
     | {f'memory{i}.{k}' for i in range(n_inst) for k in ('read', 'write')}
assert want <= set(names.values()), want - set(names.values())
# Value changes: '#t' times, '0c'/'1c' bits, 'b... c' vectors.
t, on_since, active, layers = 0, {}, {}, []
for line in body.splitlines():
    line = line.strip()
    if line.startswith('#'):
        t = int(line[1:])
        continue
    m = re.match(r'^([01])(\S+)$', line) or re.match(r'^b([01]+) (\S+)$', line)
    if not m or m.group(2) not in names:
        continue
    name, value = names[m.group(2)], int(m.group(1), 2)
    if name == 'layer' and value != 2**32 - 1 and (not layers or layers[-1] != value):
        layers.append(value)
    if name.endswith('.active'):
        p = int(name[len('processor'):-len('.active')])
        if value and p not in on_since:
            on_since[p] = t
        elif not value and p in on_since:
            active[p] = active.get(p, 0) + t - on_since.pop(p)
period_ps = 1e6 / mhz
for p, s in enumerate(stats['processors']):
    cycles = active.get(p, 0) / period_ps
    assert abs(cycles - s['active_cycles']) < 1e-6, (p, cycles, s['active_cycles'])
assert layers == list(range(len(layers))) and len(layers) == stats['summary']['layers'], layers
print(len(names), 'signals,', sum(1 for s in stats['processors'] if s['active_cycles']), 'processors active')
PY
}

for run in "max78000 simplenet downsample 50" "max78002 mobilenetv2 dex 200"; do
	set -- $run
	"$DEXSIM" --config "$1" --net "$2" --input "$3" --timing-only --vcd "$tmp/$2.vcd" \
		--format json > "$tmp/$2.json"
	check "$2: the VCD's processor activity is the statistics' active cycles" \
		vcd_check "$tmp/$2.vcd" "$tmp/$2.json" "$4"
done
check "no partial trace left" test -z "$(ls "$tmp" | grep partial)"
"$DEXSIM" --config max78000 --net simplenet --timing-only --vcd "$tmp/nodir/x.vcd" > /dev/null 2> "$tmp/err"
check "an unwritable trace exits 1" test $? -eq 1
check "and says why" grep -q -- "--vcd $tmp/nodir/x.vcd: cannot create .*: No such file or directory" "$tmp/err"
finish
