/* dump.h: every tensor of a run as NumPy .npy files, for comparison with
 * PyTorch or the vendor's tools.
 *
 * DIR/input.npy holds the network input [C, H, W]; DIR/<layer name>.npy each
 * layer's output: [C, H, W], [C, L] for conv1d, [C] for linear; int8, or
 * int32 for a 32-bit output layer.  DIR/output.npy is the network's output
 * as the chip leaves it: the last layer's, or with layers marked as outputs
 * those, one file each (output0.npy, output1.npy, ... in layer order) when
 * there are several.  Each file appears complete or not at all.
 */
#ifndef DEXSIM_DUMP_H
#define DEXSIM_DUMP_H

#include "diag.h"
#include "mapping.h"
#include "tensor.h"

/* Creates dir if it does not exist (its parent must). */
/* outputs: one tensor per layer. */
int dump_write(const char *dir, const struct mapping *m, const struct tensor *input,
	       const struct tensor *outputs, struct diag *d);

#endif
