/* mapping.h: a network placed onto an accelerator's processors and memories.
 *
 * mapping_build() infers every layer's shapes, decides its input and output
 * processors, passes and data-memory offsets (as ai8x-synthesis does where the
 * description leaves them out), allocates kernel words in the weight memories
 * and biases in the bias memories, and checks all of it against the hardware.
 * A network that does not fit is reported with the layer, the resource, the
 * need and the capacity.
 */
#ifndef DEXSIM_MAPPING_H
#define DEXSIM_MAPPING_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "hwconfig.h"
#include "network.h"
#include "procmask.h"

struct mapped_layer {
	const struct layer_desc *desc;
	int index;
	int in_channels, in_h, in_w;     /* as stored in data memory (one operand) */
	int operands;                    /* element-wise operands (1 if none) */
	int pooled_h, pooled_w;          /* after pooling, what the convolution sees */
	int out_channels, out_h, out_w;
	int in_passes, out_passes;
	int in_per_pass, out_per_pass;   /* channels handled per pass */
	struct procmask in_procs, out_procs;
	long in_offset, out_offset;      /* bytes within each data-memory instance */
	long in_bytes, out_bytes;        /* bytes per instance, gaps included */
	int64_t macs;
	int64_t weights;                 /* weight values (parameters) */
	int64_t weight_bytes;            /* weights x bits / 8, as the paper's Size counts */
	int64_t bias_bytes;
	int kernel_offset;               /* first kernel word used, same on all processors */
	int kernel_words;                /* words used per processor that holds kernels */
	int bias_quadrant, bias_offset;  /* where the biases sit */
	int64_t data_bytes;              /* output footprint over all instances */
};

struct mapping {
	const struct hw_config *hw;
	const struct network_desc *net;
	int input_channels;
	int n_layers;
	struct mapped_layer *layers;
	int kernel_words_used;           /* highest kernel word used on any processor */
	int bias_bytes_used[PROC_MAX];   /* per quadrant */
	int64_t macs, weight_bytes, bias_bytes, weights;
};

/* input_channels: channels the input mode places in the first layer. */
int mapping_build(struct mapping *m, const struct hw_config *hw, const struct network_desc *net,
		  int input_channels, struct diag *d);
void mapping_free(struct mapping *m);

/* True if the layer's output goes to a streaming layer after it: it lives in
 * a rolling buffer, not as a whole tensor in data memory. */
bool mapping_streams_output(const struct mapping *m, int layer);

#endif
