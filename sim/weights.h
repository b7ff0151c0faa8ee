/* weights.h: the weights and biases a network runs with.
 *
 * Either synthetic (deterministic from a seed, uniform over each layer's
 * weight range, so any network runs without training; drawn straight into
 * the form the arithmetic reads, which is then all there is of them) or
 * loaded from a NumPy .npz file with one array `<layer name>.weight` per
 * weighted layer and an optional `<layer name>.bias`.  Weight shapes: [out, in/groups, kh, kw]
 * (conv2d; convtranspose2d as the kernel of the equivalent convolution of the
 * zero-spread input), [out, in, k] (conv1d), [out, in] (linear, in = the
 * flattened input).  Values must lie in the layer's range: [-2^(b-1),
 * 2^(b-1) - 1] for b-bit weights, -1 or +1 for binary, [-128, 127] for biases.
 */
#ifndef DEXSIM_WEIGHTS_H
#define DEXSIM_WEIGHTS_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "kernels.h"
#include "mapping.h"
#include "npy.h"

struct layer_weights {
	int8_t *weights;   /* mapped_layer.weights values; NULL for layers without,
			    * for synthetic weights and once prepared */
	int8_t *bias;      /* out_channels values; NULL for layers without biases */
	struct kern_kernels *kernels; /* the weights as the arithmetic reads them */
};

struct weight_set {
	int n_layers;
	struct layer_weights *layers;
};

int weights_synthetic(struct weight_set *ws, const struct mapping *m, uint64_t seed,
		      struct diag *d);
int weights_load_npz(struct weight_set *ws, const struct mapping *m, const char *path,
		     struct diag *d);
void weights_free(struct weight_set *ws);

/* Puts every layer's weights in the form the arithmetic reads (compute.h),
 * which is all a run needs of them: the values themselves are released. */
int weights_prepare(struct weight_set *ws, const struct mapping *m, struct diag *d);

/* Zeroed storage for every layer's biases, and with values its weights. */
int weights_alloc(struct weight_set *ws, const struct mapping *m, bool values, struct diag *d);

/* Checks one array (a layer's weights, or with is_bias its biases) against
 * the layer's shape and range and copies it to dst; errors name path and
 * array. */
int weights_take(const char *path, const char *array, const struct mapped_layer *ml,
		 bool is_bias, const struct npy_array *a, int8_t *dst, struct diag *d);

/* The range of a layer's weight values. */
void weights_range(const struct layer_desc *l, int *lo, int *hi);

#endif
