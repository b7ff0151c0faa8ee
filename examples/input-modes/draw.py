#!/usr/bin/env python3
"""Draws an input tensor dumped by dexsim (input.npy, int8 [C, H, W]) as a PNG.

Usage: draw.py INPUT.npy MODE OUT.png
The int8 values map back to 0..255 (v + 128).  Consecutive R G B triples
become colour tiles; the channels left over (coordinates, DEX's last red
channel) become grey tiles.  Tiles are enlarged 4x and laid out 6 per row.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from pngfile import write_png  # noqa: E402

SCALE, PER_ROW, GAP = 4, 6, 4


def tiles(tensor, mode):
    pixels = (tensor.astype(np.int16) + 128).astype(np.uint8)
    colour = 21 if mode == 'dex' else 1     # DEX: 21 full samples; others: one picture
    out = [pixels[3 * t:3 * t + 3].transpose(1, 2, 0) for t in range(colour)]
    for c in range(3 * colour, pixels.shape[0]):
        out.append(np.repeat(pixels[c][:, :, None], 3, axis=2))
    return out


def main():
    src, mode, dst = sys.argv[1:4]
    pictures = [np.kron(t, np.ones((SCALE, SCALE, 1), np.uint8)) for t in tiles(np.load(src), mode)]
    h, w = pictures[0].shape[:2]
    rows = (len(pictures) + PER_ROW - 1) // PER_ROW
    cols = min(len(pictures), PER_ROW)
    sheet = np.full((rows * (h + GAP) + GAP, cols * (w + GAP) + GAP, 3), 255, np.uint8)
    for i, p in enumerate(pictures):
        y, x = GAP + (i // PER_ROW) * (h + GAP), GAP + (i % PER_ROW) * (w + GAP)
        sheet[y:y + h, x:x + w] = p
    write_png(dst, sheet)


if __name__ == '__main__':
    main()
