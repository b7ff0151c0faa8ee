#!/usr/bin/env python3
"""Writes a checkpoint and an input of the shapes a tests/demos/shapes/*.json gives.

usage: shape_checkpoint.py SHAPES.json OUT.pth.tar OUT_input.npy

The checkpoint has the layout of ai8x-training's quantize.py output (as the
vendor's trained/*-q.pth.tar): per weight tensor `<layer>.weight_bits` and
`<layer>.output_shift` (float32 [1]) before `<prefix>.weight` (float32,
whole numbers within the layer's bit width) and `<prefix>.bias` (float32,
whole multiples of 2**(bits-1), the quantized bias times quantize.py's scale,
within range).  Values are pseudo-random and depend only on the file's
contents, so a run is repeatable.  The input is int8 pseudo-random values of
the sample input's shape.
"""
import json
import os
import sys
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import write_checkpoint  # noqa: E402


def main(argv):
    if len(argv) != 4:
        sys.exit('usage: shape_checkpoint.py SHAPES.json OUT.pth.tar OUT_input.npy')
    with open(argv[1], 'rb') as f:
        raw = f.read()
    d = json.loads(raw)
    rng = np.random.default_rng(zlib.crc32(raw))
    items = []
    for w in d['weights']:
        prefix = w['name'][:-len('.weight')]
        layer = prefix.rsplit('.', 1)[0] if '.' in prefix else prefix
        bits = w['weight_bits'] if w['weight_bits'] is not None else 8
        if w['weight_bits'] is not None:
            items.append((layer + '.weight_bits', np.array([bits], np.float32)))
        if w['output_shift'] is not None:
            items.append((layer + '.output_shift', np.array([w['output_shift']], np.float32)))
        lo, hi = (-1, 1) if bits == 1 else (-2 ** (bits - 1), 2 ** (bits - 1) - 1)
        values = rng.integers(lo, hi + 1, size=w['shape'])
        if bits == 1:
            values[values == 0] = 1  # binary weights are +-1
        items.append((w['name'], values.astype(np.float32)))
        if w['bias']:
            # The hardware's bias is one byte: quantize.py stores it times 2**(bits-1).
            bias = rng.integers(-128, 128, size=w['bias']) * 2.0 ** (bits - 1)
            items.append((prefix + '.bias', bias.astype(np.float32)))
    write_checkpoint.write(argv[2], d['arch'], items, extras={'clipping_method': 'MAX_BIT_SHIFT'})
    np.save(argv[3], rng.integers(-128, 128, size=d['input_shape']).astype(np.int8))


if __name__ == '__main__':
    main(sys.argv)
