#!/bin/sh
# The paper's measured latencies (tests/dex-table.csv, from the DEX paper's
# hardware table) for all 16 rows: MAX78000 within 0.1 %, MAX78002 within 2 %;
# the four input modes give the same cycles; ProcUtil 4.7 / 7.8 / 9.4 / 100 %.
# Also the vendor's MAX78002 measurements of SimpleNet (0.92 ms) and WideNet
# (1.22 ms) (Analog Devices AN7664, in shared/reference/README.md), within 2 %.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$PYTHON" - "$DEXSIM" "$SRCDIR/tests/dex-table.csv" <<'PY' && ok || not_ok "paper latencies"
import csv, subprocess, sys
dexsim, table = sys.argv[1:3]
nets = {'SimpleNet': 'simplenet', 'WideNet': 'widenet', 'EfficientNetV2': 'efficientnetv2',
        'MobileNetV2': 'mobilenetv2'}
modes = {'Downsampling': 'downsample', 'CoordConv': 'coordconv', 'CoordConv (r)': 'coordconv-r',
         'DEX': 'dex'}
def run(net, config, mode):
    out = subprocess.run([dexsim, '--config', config, '--net', net, '--input', mode,
                          '--timing-only', '--format', 'csv'], capture_output=True, text=True,
                         check=True).stdout
    return next(csv.DictReader(out.splitlines()))
bad = []
cycles = {}
for row in csv.DictReader(open(table)):
    config = row['device'].lower()
    got = run(nets[row['model']], config, modes[row['method']])
    tol = 0.001 if config == 'max78000' else 0.02
    err = float(got['latency_us']) / float(row['latency_us']) - 1
    print(f"{row['model']:15} {row['method']:14} {got['latency_us']:>9} us, measured "
          f"{row['latency_us']:>6} us: {100 * err:+.3f} %")
    if abs(err) > tol:
        bad.append(f"{row['model']} {row['method']}: {100 * err:+.3f} %")
    if got['proc_util_pct'] != row['proc_util_pct']:
        bad.append(f"{row['model']} {row['method']}: ProcUtil {got['proc_util_pct']}")
    cycles.setdefault(row['model'], set()).add(got['cycles'])
for model, seen in cycles.items():
    if len(seen) != 1:
        bad.append(f'{model}: input modes give different cycles {sorted(seen)}')
for net, ms in (('simplenet', 920), ('widenet', 1220)):
    got = float(run(net, 'max78002', 'downsample')['latency_us'])
    err = got / ms - 1
    print(f'{net} on max78002: {got:.1f} us, AN7664 {ms} us: {100 * err:+.2f} %')
    if abs(err) > 0.02:
        bad.append(f'{net} max78002: {100 * err:+.2f} %')
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
finish
