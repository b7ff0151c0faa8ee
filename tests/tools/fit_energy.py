#!/usr/bin/env python3
"""Calibrates the energy model's constants on the vendor's measured energies.

  tests/tools/fit_energy.py [--dexsim PATH] [--free-static]

For every row of tests/validation/measured.csv with an energy, runs dexsim as
scripts/validate does, once per term of the model with that term's constant
at a unit value and the others at zero: each run's energy_uj is then that
term's count for the row (CNN cycles; processor-cycles of layers with weights,
x bits/8; processor-cycles on signed input; the static term's microseconds).
The constants are the non-negative least-squares fit of the measured
energies, errors relative to each row.  Prints the constants and each row's
residual.  A maintainer's tool (the constants go into configs/); not run by
the tests, which check the residuals through scripts/validate.
"""
import argparse
import csv
import importlib.machinery
import itertools
import os
import sys
import tempfile

import numpy as np

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
validate = importlib.machinery.SourceFileLoader(
    'validate', os.path.join(SRC, 'scripts', 'validate')).load_module()

# Each term: its constant, the unit value given while counting, and the
# constant's value per unit of the count that run reports.
TERMS = [('energy.per_cycle_nj', 1.0), ('energy.weight_read_pj', 1000.0),
         ('energy.signed_input_pj', 1000.0), ('energy.static_mw', 1000.0)]
ZERO = ['energy.data_read_pj=0', 'energy.data_write_pj=0', 'energy.tram_write_pj=0']


def nnls(a, b):
    """Least squares with non-negative coefficients, by trying every support."""
    best = None
    for k in range(1, a.shape[1] + 1):
        for support in itertools.combinations(range(a.shape[1]), k):
            x, *_ = np.linalg.lstsq(a[:, support], b, rcond=None)
            if (x < 0).any():
                continue
            r = np.linalg.norm(a[:, support] @ x - b)
            if best is None or r < best[0]:
                full = np.zeros(a.shape[1])
                full[list(support)] = x
                best = (r, full)
    return best[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--dexsim', default=os.path.join(SRC, 'dexsim'))
    ap.add_argument('--free-static', action='store_true',
                    help='fit the static power too (default: 0, the measurement subtracts idle)')
    a = ap.parse_args()
    terms = TERMS if a.free_static else TERMS[:3]
    with open(os.path.join(SRC, 'tests', 'validation', 'measured.csv'), newline='') as f:
        rows = [r for r in csv.DictReader(f) if r['energy_uj']]
    counts = []
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            line = []
            for name, unit in TERMS:
                sets = [f'{n}={unit if n == name else 0}' for n, _ in TERMS] + ZERO
                line.append(float(validate.simulate(a.dexsim, row, tmp, sets)['energy_uj']))
            counts.append(line[:len(terms)])
    counts = np.array(counts)
    measured = np.array([float(r['energy_uj']) for r in rows])
    weights = 1 / measured
    x = nnls(counts * weights[:, None], measured * weights)
    for (name, unit), value in zip(terms, x):
        print(f'{name}: {value * unit:.4g}')
    for row, c, m in zip(rows, counts, measured):
        e = c @ x
        print(f"{row['network']:28} {row['cnn_clock_mhz']:>4} MHz: {e:8.1f} uJ, measured {m:6.0f}, "
              f"{100 * (e / m - 1):+.2f} %")
    return 0


if __name__ == '__main__':
    sys.exit(main())
