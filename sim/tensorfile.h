/* tensorfile.h: a ready network input from a NumPy .npy file.
 *
 * Such as the vendor's sample inputs (ai8x-synthesis tests/sample_*.npy):
 * [C, H, W] for two-dimensional data, [C, L] for one-dimensional data (held
 * as L rows of one column, as conv1d reads it), values in the int8 range
 * (any integer dtype, or floats with whole values).
 */
#ifndef DEXSIM_TENSORFILE_H
#define DEXSIM_TENSORFILE_H

#include "diag.h"
#include "tensor.h"

/* max_channels: the most the hardware takes in one layer. */
int tensorfile_load(struct tensor *t, const char *path, int max_channels, struct diag *d);

#endif
