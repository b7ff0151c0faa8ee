/* weightpack.c: kernels in weight-memory words (see weightpack.h). */
#include "weightpack.h"

#include <stdbool.h>
#include <stdlib.h>


static int rank_in(const struct procmask *m, int p)
{
	int r = 0;

	for (int q = 0; q < p; q++)
		r += procmask_has(m, q);
	return r;
}

/* Where one kernel lies: its first weight in the [out][in/groups][k] array,
 * and the bit of its element e in the region, bit0 + e * step. */
struct kernel_place {
	size_t weight;
	long bit0, step;
};

/* The kernels processor p holds for the layer, in weight-memory order (zero
 * kernels skipped): a malloc'd array of *n, or NULL when out of memory. */
static struct kernel_place *kernels_of(const struct hw_config *hw, const struct mapped_layer *ml,
				       int p, int ksize, int *n)
{
	const struct layer_desc *l = ml->desc;
	bool linear = l->op == OP_LINEAR, depthwise = l->groups > 1;
	int bits = l->weight_bits, per_byte = 8 / bits;
	int in_per_weight = depthwise ? 1 : ml->in_channels;
	int idx = rank_in(&ml->in_procs, p);
	int first = procmask_first(&ml->out_procs);
	int out_rank[PROC_MAX];
	/* At most passes x span x output passes slots (linear: passes x outputs). */
	struct kernel_place *places =
		malloc((size_t)ml->in_passes * (PROC_MAX * ml->out_passes + ml->out_channels) *
		       sizeof *places);

	*n = 0;
	if (!places)
		return NULL;

	if (ml->out_passes > 1)
		first -= first % hw->procs_per_instance;
	int span = depthwise ? 1 : procmask_last(&ml->out_procs) - first + 1;
	int out_passes = depthwise ? 1 : ml->out_passes;
	for (int q = 0, r = 0; q < PROC_MAX; q++) {
		out_rank[q] = r;
		r += procmask_has(&ml->out_procs, q);
	}
	for (int q = 0; q < ml->in_passes; q++) {
		int c = q * ml->in_per_pass + idx;
		if (c >= ml->in_channels)
			continue; /* this pass has no channel here: zero kernels */
		for (int r = 0; r < out_passes; r++)
			for (int i = 0; i < span; i++) {
				long k = ((long)q * out_passes + r) * span + i;
				int o = depthwise ? c
					: procmask_has(&ml->out_procs, first + i)
						? r * ml->out_per_pass + out_rank[first + i]
						: -1;
				if (o < 0 || o >= ml->out_channels)
					continue; /* an empty slot: a zero kernel */
				if (linear) /* one stream, outputs in order */
					k = (long)q * ml->out_channels + o;
				places[(*n)++] = (struct kernel_place){
					.weight = ((size_t)o * in_per_weight + (depthwise ? 0 : (size_t)c)) *
						  ksize,
					.bit0 = linear ? k * ksize * bits
						       : (k / per_byte) * ksize * 8 + (k % per_byte) * bits,
					.step = linear ? bits : 8,
				};
			}
	}
	return places;
}

static int kernel_size(const struct mapped_layer *ml)
{
	const struct layer_desc *l = ml->desc;

	if (l->op == OP_LINEAR)
		return ml->pooled_h * ml->pooled_w;
	return l->kernel_h * (l->op == OP_CONV1D ? 1 : l->kernel_w);
}

size_t weightpack_bytes(const struct hw_config *hw, const struct mapped_layer *ml)
{
	size_t bytes = (size_t)ml->kernel_words * (size_t)hw->weight_word_bits / 8;
	const struct layer_desc *l = ml->desc;
	int per_byte = 8 / l->weight_bits;

	/* Whole-byte kernels and a linear layer's bit stream end within them;
	 * sub-byte kernels take ksize bytes per group of per_byte slots, the last
	 * group whole even when it is not full. */
	if (per_byte == 1 || l->op == OP_LINEAR)
		return bytes;
	int first = procmask_first(&ml->out_procs);
	if (ml->out_passes > 1)
		first -= first % hw->procs_per_instance;
	bool depthwise = l->groups > 1;
	long span = depthwise ? 1 : procmask_last(&ml->out_procs) - first + 1;
	long slots = (long)ml->in_passes * (depthwise ? 1 : ml->out_passes) * span;
	size_t end = (size_t)((slots + per_byte - 1) / per_byte) * (size_t)kernel_size(ml);
	return end > bytes ? end : bytes;
}

int weightpack_store(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		     const int8_t *weights, uint8_t *region)
{
	int ksize = kernel_size(ml), bits = ml->desc->weight_bits;
	unsigned mask = (1u << bits) - 1;
	int n;
	struct kernel_place *places = kernels_of(hw, ml, p, ksize, &n);

	if (!places)
		return -1;

	for (int k = 0; k < n; k++) {
		const int8_t *w = weights + places[k].weight;
		for (int e = 0; e < ksize; e++) {
			long bit = places[k].bit0 + e * places[k].step;
			/* Binary weights store +1 as 1 and -1 as 0. */
			unsigned v = ml->desc->binary ? w[e] > 0 : (unsigned)w[e] & mask;
			region[bit / 8] |= (uint8_t)(v << (bit % 8));
		}
	}
	free(places);
	return 0;
}

int weightpack_load(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		    const uint8_t *region, int8_t *weights)
{
	int ksize = kernel_size(ml), bits = ml->desc->weight_bits;
	unsigned mask = (1u << bits) - 1;
	int n;
	struct kernel_place *places = kernels_of(hw, ml, p, ksize, &n);

	if (!places)
		return -1;

	for (int k = 0; k < n; k++) {
		int8_t *w = weights + places[k].weight;
		for (int e = 0; e < ksize; e++) {
			long bit = places[k].bit0 + e * places[k].step;
			int v = (region[bit / 8] >> (bit % 8)) & mask;
			if (ml->desc->binary)
				v = v ? 1 : -1;
			else if (v & (1 << (bits - 1)))
				v -= 1 << bits; /* sign extension */
			w[e] = (int8_t)v;
		}
	}
	free(places);
	return 0;
}
