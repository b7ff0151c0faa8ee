/* checkpoint.h: the tensors of a PyTorch checkpoint, read without Python.
 *
 * ai8x-training's quantize.py saves its quantized networks with torch.save:
 * a zip archive holding `<prefix>/data.pkl`, a pickle of a dict whose
 * 'state_dict' maps names to tensors, and `<prefix>/data/<key>`, the raw
 * little-endian bytes of each tensor storage the pickle refers to by key.
 * Only the tensors of 'state_dict' are returned, in the file's order, with
 * their values in row-major order converted to double; its other entries
 * and the rest of the checkpoint (optimizer state, extras) are skipped.
 * Quantized checkpoints store weights, biases, output_shift and weight_bits as
 * whole numbers, some in float and some in integer tensors.
 */
#ifndef DEXSIM_CHECKPOINT_H
#define DEXSIM_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define CKPT_MAX_DIMS 8

struct ckpt_tensor {
	char name[128];      /* state_dict key as stored, e.g. "conv1.op.weight" */
	int ndim;            /* 0 for a scalar tensor */
	long shape[CKPT_MAX_DIMS];
	size_t count;        /* product of shape (1 for ndim 0) */
	bool is_float;       /* stored as a floating-point dtype */
	double *values;      /* count values in C order (row-major), converted to double */
};

struct checkpoint {
	char path[512];
	char arch[64];       /* the 'arch' string, "" if absent */
	int n;               /* tensors of state_dict, in the file's order */
	struct ckpt_tensor *tensors;
};

/* Reads the checkpoint at path; on error returns -1 with "PATH: what" in d
 * and leaves nothing allocated. */
int checkpoint_load(struct checkpoint *ck, const char *path, struct diag *d);
void checkpoint_free(struct checkpoint *ck);
/* The tensor of that exact name, or NULL. */
const struct ckpt_tensor *checkpoint_find(const struct checkpoint *ck, const char *name);

#endif
