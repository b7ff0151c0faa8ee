#!/usr/bin/env python3
"""Draws examples/images/scene.png: a 350x350 landscape made from shapes and
noise, so the project can ship a test picture it owns (CC0, public domain).
Deterministic: the same file on every run."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from pngfile import write_png  # noqa: E402

S = 350
y, x = np.mgrid[0:S, 0:S] / S
rng = np.random.default_rng(350)
img = np.zeros((S, S, 3))
img[..., 0] = 0.35 + 0.3 * y                      # sky: pale at the horizon
img[..., 1] = 0.55 + 0.25 * y
img[..., 2] = 0.95 - 0.2 * y
sun = (x - 0.75) ** 2 + (y - 0.22) ** 2 < 0.006
img[sun] = [1.0, 0.85, 0.35]
hill = y > 0.62 + 0.08 * np.sin(6 * x) + 0.04 * np.sin(17 * x + 1)
img[hill] = np.stack([0.2 + 0.1 * y, 0.5 - 0.2 * y, 0.15 + 0 * y], -1)[hill]
house = (x > 0.22) & (x < 0.4) & (y > 0.55) & (y < 0.75)
img[house] = [0.75, 0.3, 0.2]
roof = (y > 0.45) & (y <= 0.55) & (np.abs(x - 0.31) < (y - 0.45) * 1.0)
img[roof] = [0.35, 0.2, 0.15]
door = (x > 0.29) & (x < 0.33) & (y > 0.66) & (y < 0.75)
img[door] = [0.25, 0.15, 0.1]
img += rng.normal(0, 0.02, img.shape)             # a little sensor noise
write_png(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scene.png'),
          np.clip(np.round(img * 255), 0, 255).astype(np.uint8))
