#!/bin/sh
# dexsim's arithmetic against the independent NumPy reference, bit for bit,
# on 400 seeded random cases (every operation, width, shift, pad, pooling,
# element-wise order, multi-pass channel counts, saturation and rounding).
# A failure prints the case to rerun: kernel_cases.py --only K.
exec "$PYTHON" "$SRCDIR/tests/reference/kernel_cases.py" --dexsim "$DEXSIM" --cases 400
