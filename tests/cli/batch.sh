#!/bin/sh
# --batch: many runs in one process.  Every row equals, cell for cell, the
# summary of a separate dexsim run with the same options; a failing point's
# status is the error that separate run prints; one bad point stops no other;
# values are quoted as a shell would and never run as commands.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$SRCDIR/models/simplenet.yaml" "$tmp/my net.yaml"

# Twenty points drawn from a fixed seed over networks, chips, inputs, DEX
# channels and clocks, then the awkward ones.
"$PYTHON" - "$tmp/points" <<'PY'
import random, sys
rng = random.Random(13)
with open(sys.argv[1], 'w') as f:
    f.write('# a comment, then a blank line\n\n')
    for _ in range(20):
        net = rng.choice(['simplenet', 'widenet', 'mobilenetv2', 'efficientnetv2'])
        opts = ['--config', rng.choice(['max78000', 'max78002']), '--net', net, '--timing-only',
                '--input', rng.choice(['downsample', 'coordconv', 'dex'])]
        if opts[-1] == 'dex':
            opts += ['--channels', str(rng.choice([3, 12, 27, 48, 64]))]
        if rng.random() < 0.5:
            opts += ['--set', 'clock_mhz=%d' % rng.choice([25, 50, 100])]
        f.write(' '.join(opts) + '\n')
PY
{
	echo "--config max78000 --net '$tmp/my net.yaml' --input dex --timing-only  # a space"
	echo "--config max78000 --net simplenet --input dex --channels 999 --timing-only"
	echo "--config max78000 --net '\$(touch $tmp/pwned)' --timing-only"
	echo "--config max78000 --net simplenet --input dex --seed 3"
	echo "--config max78000 --net widenet --input dex --image $SRCDIR/examples/images/scene.png --timing-only"
	echo "--config max78000 --net widenet --input dex --image $SRCDIR/examples/images/scene.png --source-size 200 --timing-only"
	echo "--config max78000 --net widenet --input dex --image $tmp/missing.png --timing-only"
	echo "--config max78000 --net widenet --input dex --resolution 64 --timing-only"
} >> "$tmp/points"
"$DEXSIM" --batch "$tmp/points" --format csv --output "$tmp/batch.csv"
check "a batch with failing points exits 0" [ $? -eq 0 ]
check "no value is run as a command" [ ! -e "$tmp/pwned" ]

# Each point again as its own process: its CSV summary, or its error.
if "$PYTHON" - "$tmp/points" "$tmp/batch.csv" "$DEXSIM" <<'PY'
import csv, shlex, subprocess, sys
points = [l for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')]
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == len(points) == 28, (len(rows), len(points))
for line, row in zip(points, rows):
    args = shlex.split(line, comments=True)
    p = subprocess.run([sys.argv[3]] + args + ['--format', 'csv'], capture_output=True, text=True)
    if p.returncode == 0:
        alone = list(csv.DictReader(p.stdout.splitlines()))[0]
        assert row['status'] == 'ok', (line, row['status'])
        for k, v in alone.items():
            assert row[k] == v, (line, k, row[k], v)
    else:
        message = p.stderr.splitlines()[0][len('dexsim: '):]
        assert row['status'] == message, (line, row['status'], message)
        assert row['cycles'] == '', line
# The options that vary are columns, as written.
assert {'--config', '--net', '--input', '--channels', '--set clock_mhz', '--seed',
        '--timing-only'} <= set(rows[0]), rows[0].keys()
assert rows[23]['--seed'] == '3' and rows[0]['--seed'] == ''
assert rows[23]['--timing-only'] == '' and rows[0]['--timing-only'] == 'yes'
assert rows[25]['--source-size'] == '200' and rows[25]['status'] == 'ok'
assert 'missing.png' in rows[26]['status'], rows[26]['status']
assert rows[20]['--net'].endswith('/my net.yaml') and rows[20]['status'] == 'ok'
assert rows[21]['status'].startswith('--channels 999'), rows[21]['status']
PY
then ok; else not_ok "batch rows differ from separate runs"; fi

# The same batch from standard input, as JSON: the same rows.
"$DEXSIM" --batch - --format json < "$tmp/points" > "$tmp/batch.json"
if "$PYTHON" - "$tmp/batch.csv" "$tmp/batch.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
objs = json.load(open(sys.argv[2]))
assert len(objs) == len(rows)
text = lambda v: '' if v is None else v if isinstance(v, str) else None
for r, o in zip(rows, objs):
    for k, v in o.items():
        assert text(v) == r[k] or float(v) == float(r[k]), (k, v, r[k])
PY
then ok; else not_ok "JSON batch differs from CSV"; fi

# Lines that cannot be runs are rows with their error.
printf '%s\n' "--config max78000 --net simplenet 'open" \
	"--config max78000 --net simplenet --timing-only --output x.csv" \
	"--config max78000 --net simplenet --timing-only --bogus" > "$tmp/bad"
"$DEXSIM" --batch "$tmp/bad" --format csv > "$tmp/bad.csv"
check "bad lines still exit 0" [ $? -eq 0 ]
if "$PYTHON" - "$tmp/bad.csv" <<'PY'
import csv, sys
status = [r['status'] for r in csv.DictReader(open(sys.argv[1]))]
assert status == ["unterminated ' quote",
                  '--output: not in a batch line (the batch writes one table)',
                  "unknown option '--bogus'"], status
PY
then ok; else not_ok "bad lines' statuses"; fi

# A batch that cannot be read, or a run option beside --batch: usage errors,
# no table left behind.
expect_error "--batch $tmp/missing: No such file" --batch "$tmp/missing" --output "$tmp/none.csv"
check "no table from a missing batch" [ ! -e "$tmp/none.csv" ]
expect_error "--net: with --batch, the runs' options go in the batch's lines" \
	--batch "$tmp/points" --net simplenet
finish
