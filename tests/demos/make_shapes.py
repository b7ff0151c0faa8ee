#!/usr/bin/env python3
"""Writes tests/demos/shapes/*.json and copies the YAMLs, from the vendor's sources.

A maintainer's tool, run by hand: it needs bare git mirrors of ai8x-synthesis,
the MSDK and ai8x-training (arguments, or the defaults below).  For every line
of gen-demos-max7800{0,2}.sh (less the -riscv duplicates, which run the same
network with the same checkpoint), it records the YAML, the sample input's
shape, the demo's options and, per `*.weight` tensor of the checkpoint in
state_dict order, its name, shape, weight bits, output shift and bias shape.

Where the checkpoint is in the snapshot it is read (ckpt_reader.py).  Where it
is not, the shapes come from the MSDK example's cnn.c, which ai8xize.py wrote
from that checkpoint: its "// Layer N: ..." comments give each layer's input and
output channels, kernel and operation, and its post-processing registers
(izer/backend/max7800x.py: bits 22-23 the weight width, 13-17 the output
shift plus the implicit 8 - bits, bit 12 the bias enable) the rest.  Tensor
names are then placeholders (layer<N>.op.weight): ai8xize.py pairs tensors
with layers by order, not by name.  Two networks have neither (kws20_nas,
the MAX78002 kws20_v2): their ai8x-training model file is transcribed below.
Usage: make_shapes.py [SYNTHESIS_GIT MSDK_GIT]
"""
import json
import os
import re
import shlex
import subprocess
import sys

import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'vendor'))
import ckpt_reader  # noqa: E402

SYN = '/work/.mirror/analogdevicesinc+ai8x-synthesis/repo'
MSDK = '/work/.mirror/khpeterson+analog-devices-msdk-fork/repo'
NO_WEIGHTS = {'none', 'passthrough', 'add', 'sub', 'xor', 'bitwisexor', 'bitwise_xor', 'or',
              'bitwiseor', 'bitwise_or'}

# Checkpoints missing at HEAD but kept by an earlier commit of the same path.
OLDER = {'trained/ai85-faceid-qat8-q.pth.tar': '5ef6088ca2dc9e4c3070b3e6bb387813db327a06'}

# Transcribed from ai8x-training (c3d4eb1b) models/ and scripts/: name, shape, bias.
MODELS = {
    'trained/ai85-kws20_nas-qat8-q.pth.tar': (
        'ai8x-training models/ai85net-kws20-nas.py AI85KWS20NetNAS (trained with --use-bias, '
        'scripts/train_kws20_nas.sh; 8-bit: policies/qat_policy_late_kws20.yaml)',
        [('conv1_1', (128, 128, 1)), ('conv1_2', (64, 128, 3)), ('conv1_3', (128, 64, 3)),
         ('conv2_1', (128, 128, 3)), ('conv2_2', (64, 128, 1)), ('conv2_3', (128, 64, 1)),
         ('conv3_1', (128, 128, 3)), ('conv3_2', (64, 128, 5)), ('conv4_1', (128, 64, 5)),
         ('conv4_2', (128, 128, 1)), ('conv5_1', (128, 128, 5)), ('conv5_2', (64, 128, 3)),
         ('conv6_1', (64, 64, 5)), ('conv6_2', (128, 64, 1)), ('fc', (21, 512))], True),
    'trained/ai87-kws20_v2-qat8-q.pth.tar': (
        'ai8x-training models/ai85net-kws20-v2.py AI85KWS20Netv2 (bias=False, '
        'scripts/train_kws20_v2.sh has no --use-bias; 21 classes; the fc takes 32x8 = 256 as the '
        'ai87 YAML pads no layer, where the model file at HEAD pads conv3/5/7 and takes 384)',
        [('conv1', (100, 128, 1)), ('conv2', (48, 100, 3)), ('conv3', (96, 48, 3)),
         ('conv4', (128, 96, 3)), ('conv5', (160, 128, 3)), ('conv6', (192, 160, 3)),
         ('conv7', (192, 192, 3)), ('conv8', (32, 192, 3)), ('fc', (21, 256))], False),
}


def git(repo, *args, binary=False):
    out = subprocess.run(['git', '-C', repo] + list(args), capture_output=True, check=False)
    return out.stdout if binary else out.stdout.decode()


def has(repo, rev, path):
    return subprocess.run(['git', '-C', repo, 'cat-file', '-e', '%s:%s' % (rev, path)],
                          capture_output=True, check=False).returncode == 0


def demos():
    for dev in ('max78000', 'max78002'):
        for line in git(SYN, 'show', 'HEAD:gen-demos-%s.sh' % dev).splitlines():
            if not line.startswith('python ai8xize.py'):
                continue
            a = shlex.split(line.split('#')[0])
            def arg(k):
                return a[a.index(k) + 1] if k in a else None
            yield dev, a, arg('--prefix'), arg('--config-file'), arg('--checkpoint-file'), \
                arg('--sample-input')


def scalar(v):
    return None if v is None else float(np.asarray(v).reshape(-1)[0])


def from_checkpoint(path, rev):
    import tempfile
    with tempfile.NamedTemporaryFile(suffix='.pth.tar') as f:
        f.write(git(SYN, 'show', '%s:%s' % (rev, path), binary=True))
        f.flush()
        ck = ckpt_reader.load(f.name)
    sd = ck['state_dict']
    out = []
    for k, v in sd.items():
        if not k.endswith('.weight'):
            continue
        prefix = k[:-len('.weight')]
        layer = prefix.rsplit('.', 1)[0] if '.' in prefix else prefix
        bits, shift = scalar(sd.get(layer + '.weight_bits')), scalar(sd.get(layer + '.output_shift'))
        bias = sd.get(prefix + '.bias')
        out.append({'name': k, 'shape': list(v.shape),
                    'weight_bits': None if bits is None else int(bits),
                    'output_shift': None if shift is None else int(shift),
                    'bias': None if bias is None else list(bias.shape)})
    return ck.get('arch'), out


LAYER_RE = re.compile(r'^// Layer (\d+): ([\dx]+)(?: streaming)?(?: flattened to (\d+)x1x1)?, '
                      r'(.*), (\d+)x\d+(?:x\d+)? output$')


def cnn_c_path(dev, prefix):
    base = 'Examples/%s/CNN/%s' % (dev.upper(), prefix)
    if prefix == 'pascalvoc_fpndetector':
        base = 'Examples/MAX78002/CNN/pascalvoc-retinanetv7_3/src/cnn'
    return base + '/cnn.c'


def from_cnn_c(dev, prefix, net):
    """Per weighted YAML layer: shapes from the comments, bits/shift/bias from registers."""
    path = cnn_c_path(dev, prefix)
    if not has(MSDK, 'HEAD', path):  # the same network and checkpoint on the other chip
        dev = 'max78002' if dev == 'max78000' else 'max78000'
        path = cnn_c_path(dev, prefix)
    text = git(MSDK, 'show', 'HEAD:' + path)
    layers, post, current = {}, {}, None
    for line in text.splitlines():
        m = LAYER_RE.match(line)
        if m:
            n = int(m.group(1))
            dims = [int(x) for x in m.group(2).split('x')]  # [operands x] C x H [x W]
            layers[n] = dict(cin=dims[-3] if len(dims) == 4 else dims[0], flat=m.group(3),
                             what=m.group(4), cout=int(m.group(5)))
        m = re.match(r'\s*// Layer (\d+) quadrant \d+$', line)
        if m:
            current = int(m.group(1))
        m = re.search(r'= 0x([0-9a-f]+); // Post processing register', line)
        if m:
            post.setdefault(current, []).append(int(m.group(1), 16))
    out = []
    for n, l in enumerate(net['layers']):
        op = str(l.get('op', l.get('operation', l.get('operator', l.get('convolution',
                                                                          'conv2d'))))).lower()
        if op in NO_WEIGHTS or 'weight_source' in l:
            continue
        c = layers[n]
        groups = l.get('groups', 1)
        if op == 'conv1d':
            k = int(re.search(r'conv1d with kernel size (\d+)', c['what']).group(1))
            shape = [c['cout'], c['cin'], k]
        elif op in ('linear', 'fc', 'mlp'):
            shape = [c['cout'], int(c['flat']) if c['flat'] else c['cin']]
        elif op == 'convtranspose2d':
            shape = [c['cin'], c['cout'], 3, 3]
        else:
            k = int(re.search(r'kernel size (\d)x', c['what']).group(1))
            shape = [c['cout'], c['cin'] // groups, k, k]
        vals = post.get(n, [0])  # a register left 0 is not written
        code = (vals[0] >> 22) & 3
        bits = {0: 8, 1: 1, 2: 2, 3: 4}[code]
        s = (vals[0] >> 13) & 0x1f
        shift = -(s & 15) if s & 16 else s
        out.append({'name': 'layer%d.op.weight' % n, 'shape': shape, 'weight_bits': bits,
                    'output_shift': shift - (8 - bits),
                    'bias': [c['cout']] if any(v & (1 << 12) for v in vals) else None})
    return 'MSDK %s (ai8xize.py output for this checkpoint)' % path, out


def dumps(d):
    """JSON with one line per weight tensor."""
    head = {k: v for k, v in d.items() if k != 'weights'}
    text = json.dumps(head, indent=1)[:-2]
    rows = ',\n'.join('  ' + json.dumps(w) for w in d['weights'])
    return text + ',\n "weights": [\n' + rows + '\n ]\n}\n'


def main(argv):
    global SYN, MSDK
    if len(argv) == 3:
        SYN, MSDK = argv[1], argv[2]
    head = git(SYN, 'rev-parse', 'HEAD').strip()
    msdk_head = git(MSDK, 'rev-parse', 'HEAD').strip()
    os.makedirs(os.path.join(HERE, 'shapes'), exist_ok=True)
    os.makedirs(os.path.join(HERE, 'networks'), exist_ok=True)
    for dev, args, prefix, cf, ck, sample in demos():
        if prefix.endswith('-riscv'):
            continue  # the same network and checkpoint as the line before it
        ytext = git(SYN, 'show', 'HEAD:' + cf)
        net = yaml.safe_load(ytext)
        with open(os.path.join(HERE, 'networks', os.path.basename(cf)), 'w') as f:
            f.write(ytext)
        if not sample:
            sample = 'tests/sample_%s.npy' % net['dataset'].lower()
        import io
        shape = list(np.load(io.BytesIO(git(SYN, 'show', 'HEAD:' + sample, binary=True))).shape)
        d = {'device': dev, 'prefix': prefix, 'yaml': os.path.basename(cf),
             'arch': net['arch'], 'checkpoint': ck, 'sample': sample, 'input_shape': shape,
             'options': [o for o in ('--overlap-data', '--fifo') if o in args],
             'vendor_command': ' '.join(args[2:])}
        if has(SYN, 'HEAD', ck):
            d['source'] = 'checkpoint %s at ai8x-synthesis %s' % (ck, head)
            d['checkpoint_present'] = True
            arch, d['weights'] = from_checkpoint(ck, 'HEAD')
        elif ck in OLDER:
            d['source'] = ('checkpoint %s at ai8x-synthesis %s (not in HEAD\'s tree: its last '
                           'version)' % (ck, OLDER[ck]))
            d['checkpoint_present'] = True
            d['checkpoint_commit'] = OLDER[ck]
            arch, d['weights'] = from_checkpoint(ck, OLDER[ck])
        elif ck in MODELS:
            src, tensors, bias = MODELS[ck]
            d['source'] = src
            d['checkpoint_present'] = False
            arch = net['arch']
            d['weights'] = [{'name': n + '.op.weight', 'shape': list(s), 'weight_bits': 8,
                             'output_shift': 0, 'bias': [s[0]] if bias else None}
                            for n, s in tensors]
        else:
            src, d['weights'] = from_cnn_c(dev, prefix, net)
            d['source'] = src + ' at MSDK fork %s' % msdk_head
            d['checkpoint_present'] = False
            arch = net['arch']
        d['arch'] = arch
        with open(os.path.join(HERE, 'shapes', '%s-%s.json' % (dev, prefix)), 'w') as f:
            f.write(dumps(d))
        print(dev, prefix, len(d['weights']), d['source'][:60])


if __name__ == '__main__':
    main(sys.argv)
