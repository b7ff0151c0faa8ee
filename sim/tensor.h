/* tensor.h: activations as the arithmetic sees them, [channels][rows][columns]. */
#ifndef DEXSIM_TENSOR_H
#define DEXSIM_TENSOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

struct tensor {
	int c, h, w;
	int bits;   /* 8: int8_t values; 32: int32_t, a last layer's unscaled output */
	void *data;
};

static inline size_t tensor_count(const struct tensor *t)
{
	return (size_t)t->c * t->h * t->w;
}

/* Zero-filled; returns -1 when out of memory. */
static inline int tensor_alloc(struct tensor *t, int c, int h, int w, int bits)
{
	t->c = c;
	t->h = h;
	t->w = w;
	t->bits = bits;
	t->data = calloc(tensor_count(t) ? tensor_count(t) : 1, (size_t)bits / 8);
	return t->data ? 0 : -1;
}

static inline void tensor_free(struct tensor *t)
{
	free(t->data);
	t->data = NULL;
}

#endif
