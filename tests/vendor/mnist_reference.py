#!/usr/bin/env python3
"""Minimal NumPy forward pass of the vendor's MNIST network (ai85net5,
networks/mnist-chw-ai85.yaml) in the MAX78000 number format, used only to show
that the fixture triple (YAML, quantized checkpoint, sample input) belongs to the
known answer in mnist/sampleoutput.h.

Number format (as described in the vendor's documentation; no dexsim code used):
  activations int8; pooling before the convolution (max; average truncates toward
  zero); acc = sum(x * w) + bias * 128 with bias = floor(ckpt_bias / 2**(wb-1));
  shift s = output_shift + 8 - weight_bits; y = clip(floor(0.5 + acc * 2**s / 128),
  -128, 127); ReLU clips to [0, 127]; a layer with output_width 32 stores acc
  (scaled by 2**s, here s = 0) unrounded and unclipped.
The layer list below is transcribed from mnist/mnist-chw-ai85.yaml (pad, pooling,
activation) and the checkpoint (weights, output_shift, weight_bits).

Usage: python3 mnist_reference.py [fixture dir]   (exit 0 if it matches)
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ckpt_reader  # noqa: E402  pylint: disable=wrong-import-position
import known_answer  # noqa: E402  pylint: disable=wrong-import-position

# (checkpoint layer, pool ('max'/'avg'/None), pad, relu, 32-bit output)
LAYERS = [
    ('conv1', None, 1, True, False),
    ('conv2', 'max', 2, True, False),
    ('conv3', 'max', 1, True, False),
    ('conv4', 'avg', 1, True, False),
    ('fc', None, 0, False, True),
]


def pool2(x, kind):
    """2x2 pooling, stride 2, on int64 [C, H, W] (odd edges dropped)."""
    c, h, w = x.shape
    v = x[:, :h // 2 * 2, :w // 2 * 2].reshape(c, h // 2, 2, w // 2, 2)
    if kind == 'max':
        return v.max(axis=(2, 4))
    s = v.sum(axis=(2, 4))
    return np.sign(s) * (np.abs(s) // 4)  # truncate toward zero


def conv3x3(x, w, pad):
    """x [Cin, H, W] int64, w [Cout, Cin, 3, 3] int64 -> [Cout, H', W']."""
    cin, h, wd = x.shape
    xp = np.zeros((cin, h + 2 * pad, wd + 2 * pad), dtype=np.int64)
    xp[:, pad:pad + h, pad:pad + wd] = x
    ho, wo = h + 2 * pad - 2, wd + 2 * pad - 2
    out = np.zeros((w.shape[0], ho, wo), dtype=np.int64)
    for i in range(3):
        for j in range(3):
            out += np.einsum('oc,chw->ohw', w[:, :, i, j], xp[:, i:i + ho, j:j + wo])
    return out


def forward(sd, x):
    x = x.astype(np.int64)
    for name, pool, pad, relu, wide in LAYERS:
        w = sd[f'{name}.op.weight'].astype(np.int64)
        wb = int(sd[f'{name}.weight_bits'][0])
        shift = int(sd[f'{name}.output_shift'][0]) + 8 - wb
        b = sd.get(f'{name}.op.bias')
        b = None if b is None else np.floor(b / 2 ** (wb - 1)).astype(np.int64)
        if pool:
            x = pool2(x, pool)
        if w.ndim == 4:
            acc = conv3x3(x, w, pad)
            if b is not None:
                acc += (b * 128)[:, None, None]
        else:
            acc = w @ x.reshape(-1)
            if b is not None:
                acc += b * 128
        if wide:
            assert shift >= 0
            x = acc * 2 ** shift
        else:
            y = np.floor(0.5 + acc * 2.0 ** shift / 128).astype(np.int64)
            x = np.clip(y, 0 if relu else -128, 127)
    return x


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'mnist')
    sd = ckpt_reader.load(os.path.join(d, 'ai85-mnist-qat8-q.pth.tar'))['state_dict']
    x = np.load(os.path.join(d, 'sample_mnist.npy'))
    y = forward(sd, x)
    with open(os.path.join(d, 'sampleoutput.h'), encoding='utf-8') as f:
        words = known_answer.parse_sampleoutput(f.read())
    lay = known_answer.read_layout_file(os.path.join(d, 'layout.txt'))[0]
    exp, _ = known_answer.decode(words, lay)
    print('reference:   ', y.tolist())
    print('known answer:', exp.tolist())
    if np.array_equal(y, exp):
        print(f'MATCH (argmax {int(np.argmax(y))})')
        return 0
    print('MISMATCH')
    return 1


if __name__ == '__main__':
    sys.exit(main())
