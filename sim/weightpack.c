/* weightpack.c: kernels in weight-memory words (see weightpack.h). */
#include "weightpack.h"

#include <stdbool.h>

size_t weightpack_bytes(const struct hw_config *hw, const struct mapped_layer *ml)
{
	return (size_t)ml->kernel_words * (size_t)hw->weight_word_bits / 8;
}

static int rank_in(const struct procmask *m, int p)
{
	int r = 0;

	for (int q = 0; q < p; q++)
		r += procmask_has(m, q);
	return r;
}

/* Moves every weight of processor p: from `weights` into `packed` when
 * storing, from `region` into `unpacked` when loading. */
static void transfer(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		     const int8_t *weights, uint8_t *packed, const uint8_t *region,
		     int8_t *unpacked)
{
	const struct layer_desc *l = ml->desc;
	bool linear = l->op == OP_LINEAR;
	int bits = l->weight_bits, per_byte = 8 / bits;
	int ksize = linear ? ml->pooled_h * ml->pooled_w
			   : l->kernel_h * (l->op == OP_CONV1D ? 1 : l->kernel_w);
	int in_per_weight = l->groups > 1 ? 1 : ml->in_channels;
	int idx = rank_in(&ml->in_procs, p);
	int first = procmask_first(&ml->out_procs);
	int out_rank[PROC_MAX];
	unsigned mask = (1u << bits) - 1;

	if (ml->out_passes > 1)
		first -= first % hw->procs_per_instance;
	int span = l->groups > 1 ? 1 : procmask_last(&ml->out_procs) - first + 1;
	int out_passes = l->groups > 1 ? 1 : ml->out_passes;

	for (int q = 0, r = 0; q < PROC_MAX; q++) {
		out_rank[q] = r;
		r += procmask_has(&ml->out_procs, q);
	}

	for (int q = 0; q < ml->in_passes; q++) {
		int c = q * ml->in_per_pass + idx;
		for (int r = 0; r < out_passes; r++)
			for (int i = 0; i < span; i++) {
				long k = ((long)q * out_passes + r) * span + i;
				int o = -1;
				if (c >= ml->in_channels)
					o = -1;
				else if (l->groups > 1)
					o = c;
				else if (procmask_has(&ml->out_procs, first + i))
					o = r * ml->out_per_pass + out_rank[first + i];
				if (o < 0 || o >= ml->out_channels)
					continue; /* a zero kernel */
				if (linear) /* one stream, outputs in order */
					k = (long)q * ml->out_channels + o;
				size_t w = ((size_t)o * in_per_weight +
					    (l->groups > 1 ? 0 : (size_t)c)) * ksize;
				/* Element e of kernel k: bit base + e x step of the region. */
				long base = linear ? k * ksize * bits
						   : (k / per_byte) * ksize * 8 + (k % per_byte) * bits;
				long step = linear ? bits : 8;
				for (int e = 0; e < ksize; e++) {
					long bit = base + e * step;
					int shift = (int)(bit % 8);
					if (packed) {
						int8_t x = weights[w + e];
						unsigned v = l->binary ? x > 0 : (unsigned)x & mask;
						packed[bit / 8] |= (uint8_t)(v << shift);
					} else {
						int v = (region[bit / 8] >> shift) & mask;
						if (l->binary)
							v = v ? 1 : -1;
						else if (v & (1 << (bits - 1)))
							v -= 1 << bits; /* sign extension */
						unpacked[w + e] = (int8_t)v;
					}
				}
			}
	}
}

void weightpack_store(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		      const int8_t *weights, uint8_t *region)
{
	transfer(hw, ml, p, weights, region, NULL, NULL);
}

void weightpack_load(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		     const uint8_t *region, int8_t *weights)
{
	transfer(hw, ml, p, NULL, NULL, region, weights);
}
