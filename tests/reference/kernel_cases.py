#!/usr/bin/env python3
"""Random layers through dexsim and through the NumPy reference, bit for bit.

Each case is a small network drawn from a seeded generator: every operation,
weight width (1, 2, 4, 8 bits, binary), output shift, pad, pooling (max and
average, before the convolution), element-wise operations with 2..16
operands in both orders with pooling, channel counts that need several
passes, 32-bit outputs, and shifts that put many results exactly half-way
between two integers (where the rounding direction of negative values
shows).  The case's weights go to dexsim as an .npz; dexsim dumps every
tensor (--dump); the reference recomputes every layer from dexsim's input
tensor with number_format.py and the two must agree exactly.

Usage: kernel_cases.py --dexsim PATH [--cases N] [--seed S] [--only K] [--keep DIR]
A failure prints the case number and seed; --only K reruns that case alone.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import number_format as nf  # noqa: E402

# What each configuration allows (ai8x-synthesis README, tornadocnn.py).
MAX_SHIFT = 15
MAX_CHANNELS = 1024


class Case:
    """A network description built layer by layer, with its weights."""

    def __init__(self, rng, name, rows, cols, config='max78002', mode='downsample'):
        self.rng = rng
        self.name = name
        self.rows, self.cols = rows, cols
        self.config = config
        self.mode = mode
        self.layers = []      # dicts: the YAML keys plus 'inputs' as indices
        self.arrays = {}      # npz arrays

    def in_channels_of(self, src):
        return self.input_channels() if src == -1 else self.layers[src]['_out_c']

    def input_channels(self):
        return {'downsample': 3, 'coordconv': 5, 'coordconv-r': 6, 'dex': 64}[self.mode]

    def add(self, layer):
        layer['name'] = f'l{len(self.layers)}'
        self.layers.append(layer)
        return len(self.layers) - 1

    def weights_for(self, layer, shape, bits, binary):
        lo, hi = nf.weight_range(bits, binary)
        if binary:
            w = self.rng.choice([-1, 1], size=shape)
        else:
            # Mostly small values (as trained weights are), sometimes the extremes.
            w = self.rng.integers(lo, hi + 1, size=shape)
            if self.rng.random() < 0.5:
                w = np.clip(np.round(self.rng.normal(0, (hi - lo) / 8, size=shape)), lo, hi)
        self.arrays[layer['name'] + '.weight'] = w.astype(
            self.rng.choice([np.int8, np.int16, np.int32, np.int64, np.float32]))
        if layer.get('bias', True):
            b = self.rng.integers(-128, 128, size=shape[0])
            if self.rng.random() < 0.3:
                b = self.rng.integers(-4, 5, size=shape[0])
            self.arrays[layer['name'] + '.bias'] = b.astype(np.int16)

    def yaml(self):
        lines = [f'name: {self.name}', 'input:', f'  rows: {self.rows}',
                 f'  columns: {self.cols}', 'layers:']
        for layer in self.layers:
            lines.append(f'  - name: {layer["name"]}')
            for key, value in layer.items():
                if key == 'name' or key.startswith('_'):
                    continue
                if key == 'in_sequences':
                    value = '[' + ', '.join('input' if v == -1 else f'l{v}' for v in value) + ']'
                elif isinstance(value, bool):
                    value = 'true' if value else 'false'
                elif isinstance(value, (list, tuple)):
                    value = '[' + ', '.join(str(v) for v in value) + ']'
                lines.append(f'    {key}: {value}')
        return '\n'.join(lines) + '\n'


def pick_bits(rng, config):
    if config == 'max78002' and rng.random() < 0.1:
        return 1, True
    return int(rng.choice([1, 2, 4, 8])), False


def pick_shift(rng, bits):
    """output_shift with s = shift + 8 - bits in range; often s in 4..7, where
    acc / 2^(7 - s) has many exact halves."""
    if rng.random() < 0.5:
        s = int(rng.integers(4, 8))
    else:
        s = int(rng.integers(-MAX_SHIFT, MAX_SHIFT + 1))
    return s - 8 + bits


def pick_pool(rng, h, w, layer):
    """Maybe a max/avg pool that fits an h x w input; returns the pooled size."""
    if rng.random() < 0.5 or min(h, w) < 2:
        return h, w
    ph, pw = int(rng.integers(1, min(h, 4) + 1)), int(rng.integers(1, min(w, 4) + 1))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    layer['pool'] = str(rng.choice(['max', 'avg']))
    layer['pool_size'] = [ph, pw]
    layer['pool_stride'] = [sh, sw]
    return (h - ph) // sh + 1, (w - pw) // sw + 1


def weighted(case, rng, src, h, w, op='conv2d', out_c=None, last=False, pointwise=False,
             **extra):
    """A weighted layer on input `src` (h x w); returns (index, out h, out w).
    pointwise: a 1x1 convolution without pooling, keeping the size."""
    c = case.in_channels_of(src)
    layer = {'op': op}
    if src != len(case.layers) - 1:
        layer['in_sequences'] = [src]
    if op != 'linear' and not pointwise:
        h, w = pick_pool(rng, h, w, layer)
    bits, binary = pick_bits(rng, case.config)
    out_c = out_c or int(rng.integers(1, 24))
    layer.update(out_channels=out_c, weight_bits='binary' if binary else bits,
                 output_shift=pick_shift(rng, bits),
                 activation=str(rng.choice(['none', 'relu', 'abs'])),
                 bias=bool(rng.random() < 0.8))
    layer.update(extra)
    if op == 'conv2d':
        k = 1 if pointwise else int(rng.choice([1, 3]))
        pad = int(rng.integers(0, 3)) if k == 3 else 0
        while k == 3 and min(h, w) + 2 * pad < 3:
            pad += 1
        layer.update(kernel=k, pad=pad)
        groups = layer.get('groups', 1)
        shape = (out_c, c // groups, k, k)
        oh, ow = h + 2 * pad - k + 1, w + 2 * pad - k + 1
    elif op == 'conv1d':
        k = int(rng.integers(1, 10))
        dil = int(rng.integers(1, 4)) if k > 1 else 1
        pad = int(rng.integers(0, 3))
        while h + 2 * pad - dil * (k - 1) < 1:
            k -= 1
        layer.update(kernel=k, pad=pad, dilation=dil)
        shape = (out_c, c, k)
        oh, ow = h + 2 * pad - dil * (k - 1), w
    elif op == 'convtranspose2d':
        pad = min(int(rng.integers(0, 3)), h, w)  # keeps the output at least 1 x 1
        layer.update(kernel=3, pad=pad)
        shape = (out_c, c, 3, 3)
        oh, ow = 2 * h + 2 - 2 * pad, 2 * w + 2 - 2 * pad
    else:  # linear
        layer['flatten'] = h * w > 1
        shape = (out_c, c * h * w)
        oh = ow = 1
    if last and rng.random() < 0.3:
        layer['output_width'] = 32
    layer['_out_c'] = out_c
    index = case.add(layer)
    case.weights_for(layer, shape, bits, binary)
    return index, oh, ow


def make_case(k, seed):
    """Case k: one of the families below, drawn from its own generator."""
    rng = np.random.default_rng([seed, k])
    family = k % 8
    mode = str(rng.choice(['downsample', 'coordconv', 'coordconv-r', 'dex']))
    config = 'max78000' if family in (0, 4) and rng.random() < 0.5 else 'max78002'
    h, w = int(rng.integers(3, 13)), int(rng.integers(3, 13))
    case = Case(rng, f'case{k}', h, w, config, mode)

    if family == 0:  # conv2d chains, sometimes wide enough for several passes
        n = int(rng.integers(1, 4))
        src = -1
        for i in range(n):
            wide = int(rng.integers(65, 140)) if rng.random() < 0.3 else None
            src, h, w = weighted(case, rng, src, h, w, out_c=wide, last=i == n - 1)
    elif family == 1:  # depthwise after a conv
        src, h, w = weighted(case, rng, -1, h, w)
        c = case.in_channels_of(src)
        weighted(case, rng, src, h, w, out_c=c, groups=c, last=True)
    elif family == 2:  # conv1d on one column
        case.cols = 1
        case.rows = int(rng.integers(4, 40))
        src, h, w = weighted(case, rng, -1, case.rows, 1, op='conv1d')
        if rng.random() < 0.5:
            weighted(case, rng, src, h, w, op='conv1d', last=True)
    elif family == 3:  # transposed convolution
        src, h, w = weighted(case, rng, -1, min(h, 8), min(w, 8))
        weighted(case, rng, src, h, w, op='convtranspose2d', last=True)
    elif family == 4:  # linear on flattened data
        case.rows, case.cols = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        src, h, w = weighted(case, rng, -1, case.rows, case.cols)
        weighted(case, rng, src, h, w, op='linear', out_c=int(rng.integers(1, 40)), last=True)
    elif family in (5, 6):  # element-wise, as a layer or fused into a convolution
        n = int(rng.integers(2, 17)) if rng.random() < 0.5 else int(rng.integers(2, 5))
        c = int(rng.integers(1, 20))
        sources = []
        for i in range(n):
            src, _, _ = weighted(case, rng, -1, h, w, out_c=c, pointwise=True,
                                 out_offset=0x400 * (i + 1), in_sequences=[-1])
            sources.append(src)
        layer = {'in_sequences': sources, 'out_offset': 0x8000}
        ph, pw = pick_pool(rng, h, w, layer)
        if 'pool' in layer:
            layer['pool_first'] = bool(rng.random() < 0.5)
        opname = str(rng.choice(['add', 'sub', 'xor', 'or']))
        if family == 5:
            layer.update(op=opname, activation=str(rng.choice(['none', 'relu', 'abs'])),
                         _out_c=c)
            case.add(layer)
        else:
            bits, binary = pick_bits(rng, config)
            layer.update(op='conv2d', eltwise=opname, out_channels=int(rng.integers(1, 12)),
                         kernel=1, pad=0, weight_bits='binary' if binary else bits,
                         output_shift=pick_shift(rng, bits),
                         activation=str(rng.choice(['none', 'relu', 'abs'])))
            layer['_out_c'] = layer['out_channels']
            case.add(layer)
            case.weights_for(layer, (layer['out_channels'], c, 1, 1), bits, binary)
    else:  # passthrough concatenation, then a convolution
        ca, cb = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        a, _, _ = weighted(case, rng, -1, h, w, out_c=ca, pointwise=True, out_offset=0x1000)
        # Concatenated channels lie on consecutive processors: b writes after a.
        b, _, _ = weighted(case, rng, -1, h, w, out_c=cb, pointwise=True, out_offset=0x2000,
                           in_sequences=[-1], output_processors=hex(((1 << cb) - 1) << ca))
        p = case.add({'op': 'passthrough', 'in_sequences': [a, b], 'out_offset': 0x3000,
                      'processors': hex((1 << (ca + cb)) - 1), '_out_c': ca + cb})
        weighted(case, rng, p, h, w, last=True)
    return case


def kind(layer):
    """A layer's operation as the coverage summary names it."""
    if layer.get('groups', 1) > 1:
        return 'depthwise'
    if 'eltwise' in layer:
        return f"{layer['eltwise']}-{layer['op']}"
    return layer['op']


def reference(case, x):
    """Every layer's output by number_format.py, from the network input x."""
    outs = []
    for i, layer in enumerate(case.layers):
        srcs = layer.get('in_sequences', [i - 1])
        data = [x if s == -1 else outs[s] for s in srcs]
        op = layer['op']
        combine = op if op in ('add', 'sub', 'xor', 'or') else layer.get('eltwise')
        pool = layer.get('pool')
        size = layer.get('pool_size')
        stride = layer.get('pool_stride', size)
        if op == 'conv1d':
            data = [d[:, :, None] if d.ndim == 2 else d for d in data]
        if combine:
            if pool and layer.get('pool_first', True):
                data = [nf.pool2d(d, pool, size, stride) for d in data]
                t = nf.eltwise(combine, data)
            else:
                t = nf.eltwise(combine, data)
                if pool:
                    t = nf.pool2d(t, pool, size, stride)
        else:
            t = np.concatenate([d.reshape(d.shape[0], d.shape[1] if d.ndim > 1 else 1, -1)
                                for d in data])
            if pool:
                t = nf.pool2d(t, pool, size, stride)
        if op in ('passthrough', 'add', 'sub', 'xor', 'or'):
            outs.append(nf.activate8(t, layer.get('activation', 'none')))
            continue
        wname = layer['name'] + '.weight'
        wt = case.arrays[wname].astype(np.int64)
        bias = case.arrays.get(layer['name'] + '.bias')
        bias = None if bias is None else bias.astype(np.int64)
        if op == 'conv2d':
            acc = nf.conv2d(t, wt, bias, layer['pad'], layer.get('groups', 1))
        elif op == 'conv1d':
            acc = nf.conv1d(t[:, :, 0], wt, bias, layer['pad'], layer['dilation'])
        elif op == 'convtranspose2d':
            acc = nf.convtranspose2d(t, wt, bias, layer['pad'])
        else:
            acc = nf.linear(t, wt, bias)
        bits = 1 if layer['weight_bits'] == 'binary' else layer['weight_bits']
        outs.append(nf.output_stage(acc, layer['output_shift'], bits, layer['activation'],
                                    layer.get('output_width', 8)))
    return outs


def run_case(dexsim, case, workdir, dexsim_seed):
    """Runs dexsim on the case; returns None or a description of the first mismatch."""
    net = os.path.join(workdir, 'net.yaml')
    weights = os.path.join(workdir, 'weights.npz')
    dump = os.path.join(workdir, 'dump')
    with open(net, 'w', encoding='utf-8') as f:
        f.write(case.yaml())
    (np.savez_compressed if case.rng.random() < 0.5 else np.savez)(weights, **case.arrays)
    cmd = [dexsim, '--config', case.config, '--net', net, '--input', case.mode,
           '--weights', weights, '--seed', str(dexsim_seed), '--dump', dump]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return f'dexsim exited {proc.returncode}: {proc.stderr.strip()}'
    x = np.load(os.path.join(dump, 'input.npy')).astype(np.int64)
    expected = reference(case, x)
    for layer, ref in zip(case.layers, expected):
        got = np.load(os.path.join(dump, layer['name'] + '.npy'))
        if got.dtype != (np.int32 if layer.get('output_width') == 32 else np.int8):
            return f"layer {layer['name']}: dtype {got.dtype}"
        ref = ref.reshape(got.shape) if ref.size == got.size else ref
        if got.shape != ref.shape:
            return f"layer {layer['name']}: shape {got.shape}, reference {ref.shape}"
        diff = np.argwhere(got.astype(np.int64) != ref)
        if len(diff):
            at = tuple(int(v) for v in diff[0])
            return (f"layer {layer['name']} ({layer['op']}): {len(diff)} of {ref.size} values "
                    f"differ; first at {at}: dexsim {got[at]}, reference {ref[at]}")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dexsim', required=True)
    ap.add_argument('--cases', type=int, default=400)
    ap.add_argument('--seed', type=int, default=20241121)
    ap.add_argument('--only', type=int, default=None, help='run case K alone')
    ap.add_argument('--keep', default=None, help='leave failing cases in this directory')
    args = ap.parse_args()

    todo = [args.only] if args.only is not None else range(args.cases)
    failures = 0
    counts = {}
    for k in todo:
        case = make_case(k, args.seed)
        ops = '+'.join(sorted({kind(layer) for layer in case.layers}))
        counts[ops] = counts.get(ops, 0) + 1
        workdir = tempfile.mkdtemp(prefix=f'dexsim-case{k}-')
        problem = run_case(args.dexsim, case, workdir, args.seed + k)
        if problem:
            failures += 1
            print(f'FAIL case {k} (--seed {args.seed} --only {k}), {case.config}, '
                  f'--input {case.mode}: {problem}')
            if args.keep:
                shutil.copytree(workdir, os.path.join(args.keep, f'case{k}'),
                                dirs_exist_ok=True)
        shutil.rmtree(workdir)
    print(f'{len(todo) - failures} of {len(todo)} cases bit-exact; operations covered: ' +
          ', '.join(f'{ops} x{n}' for ops, n in sorted(counts.items())))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
