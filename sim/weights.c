/* weights.c: synthetic weights, and weights from NumPy .npz files (see weights.h). */
#include "weights.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "compute.h"
#include "npy.h"
#include "zipentry.h"
#include "ziplib.h"
#include "uniform.h"

void weights_range(const struct layer_desc *l, int *lo, int *hi)
{
	if (l->binary) {
		*lo = -1;
		*hi = 1;
	} else {
		*lo = -(1 << (l->weight_bits - 1));
		*hi = (1 << (l->weight_bits - 1)) - 1;
	}
}

int weights_alloc(struct weight_set *ws, const struct mapping *m, bool values, struct diag *d)
{
	ws->n_layers = m->n_layers;
	ws->layers = calloc((size_t)m->n_layers, sizeof *ws->layers);
	if (!ws->layers)
		return diag_fail(d, "out of memory");
	for (int i = 0; i < m->n_layers; i++) {
		const struct mapped_layer *ml = &m->layers[i];
		struct layer_weights *lw = &ws->layers[i];
		if (!op_has_weights(ml->desc->op))
			continue;
		lw->weights = values ? calloc((size_t)ml->weights, 1) : NULL;
		lw->bias = ml->desc->bias ? calloc((size_t)ml->out_channels, 1) : NULL;
		if ((values && !lw->weights) || (ml->desc->bias && !lw->bias)) {
			weights_free(ws);
			return diag_fail(d, "out of memory");
		}
	}
	return 0;
}

/* How a layer's weights are drawn: its stream and width. */
struct draw {
	uint64_t state;
	int bits;
	bool binary;
};

static void draw_values(int8_t *values, size_t n, void *arg)
{
	struct draw *w = arg;

	uniform_values(values, (int64_t)n, w->bits, w->binary, &w->state);
}

int weights_synthetic(struct weight_set *ws, const struct mapping *m, uint64_t seed,
		      struct diag *d)
{
	if (weights_alloc(ws, m, false, d))
		return -1;
	for (int i = 0; i < m->n_layers; i++) {
		const struct layer_desc *l = m->layers[i].desc;
		struct layer_weights *lw = &ws->layers[i];
		/* Each layer its own stream: its values do not depend on other layers. */
		struct draw w = { seed ^ (0x2545f4914f6cdd1du * (uint64_t)(i + 1)),
				  l->binary ? 1 : l->weight_bits, l->binary };

		if (!op_has_weights(l->op))
			continue;
		lw->kernels = compute_prepare_random(&m->layers[i], draw_values, &w);
		if (!lw->kernels) {
			weights_free(ws);
			return diag_fail(d, "out of memory");
		}
		if (lw->bias)
			uniform_values(lw->bias, m->layers[i].out_channels, 8, false, &w.state);
	}
	return 0;
}

/* The shape a layer's weight array must have. */
static int expected_shape(const struct mapped_layer *ml, long *shape)
{
	const struct layer_desc *l = ml->desc;

	shape[0] = ml->out_channels;
	switch (l->op) {
	case OP_LINEAR:
		shape[1] = (long)ml->in_channels * ml->pooled_h * ml->pooled_w;
		return 2;
	case OP_CONV1D:
		shape[1] = ml->in_channels;
		shape[2] = l->kernel_h;
		return 3;
	default:
		shape[1] = l->groups > 1 ? 1 : ml->in_channels;
		shape[2] = l->kernel_h;
		shape[3] = l->kernel_w;
		return 4;
	}
}

int weights_take(const char *path, const char *array, const struct mapped_layer *ml,
		 bool is_bias, const struct npy_array *a, int8_t *dst, struct diag *d)
{
	const struct layer_desc *l = ml->desc;
	long expect[4] = { ml->out_channels };
	int ndim = is_bias ? 1 : expected_shape(ml, expect);
	int lo = -128, hi = 127;
	bool same = a->ndim == ndim;
	char got[128], want[128];

	for (int i = 0; same && i < ndim; i++)
		same = a->shape[i] == expect[i];
	if (!same) {
		diag_shape(a->shape, a->ndim, got, sizeof got);
		diag_shape(expect, ndim, want, sizeof want);
		return diag_fail(d, "%s: %s has shape %s; layer %d '%s' (%s, %d -> %d channels) "
				 "needs %s", path, array, got, ml->index, l->name, op_name(l->op),
				 ml->in_channels, ml->out_channels, want);
	}
	if (!is_bias)
		weights_range(l, &lo, &hi);
	for (size_t i = 0; i < a->count; i++) {
		int64_t v = a->values[i];
		if (v < lo || v > hi || (!is_bias && l->binary && v == 0))
			return diag_fail(d, "%s: %s: value %lld at index %zu is outside the %s "
					 "[%d, %d] of layer %d '%s'", path, array, (long long)v, i,
					 is_bias ? "bias range" : l->binary ? "binary range (no 0)"
						 : "weight range", lo, hi, ml->index, l->name);
		dst[i] = (int8_t)v;
	}
	return 0;
}

static int find_layer(const struct mapping *m, const char *name, size_t len)
{
	for (int i = 0; i < m->n_layers; i++)
		if (strlen(m->layers[i].desc->name) == len &&
		    strncmp(m->layers[i].desc->name, name, len) == 0)
			return i;
	return -1;
}


/* Places one array of the archive: which layer, weight or bias, then take_array. */
static int load_entry(struct weight_set *ws, const struct mapping *m, const char *path,
		      zip_t *z, uint64_t archive_bytes, zip_uint64_t index, bool *seen,
		      struct diag *d)
{
	const char *why;
	const char *entry = ziplib(NULL)->get_name(z, index, 0);
	char array[256], err[256];
	size_t len, nlen;
	unsigned char *buf;
	struct npy_array a;

	if (!entry)
		return diag_fail(d, "%s: cannot read entry %llu", path, (unsigned long long)index);
	nlen = strlen(entry);
	if (nlen < 4 || strcmp(entry + nlen - 4, ".npy") != 0 || nlen - 4 >= sizeof array)
		return diag_fail(d, "%s: '%s' is not a .npy array", path, entry);
	snprintf(array, sizeof array, "%.*s", (int)(nlen - 4), entry);
	/* Layer names may contain dots: the kind is what follows the last one. */
	const char *dot = strrchr(array, '.');
	bool is_bias = dot && strcmp(dot, ".bias") == 0;
	int layer = dot ? find_layer(m, array, (size_t)(dot - array)) : -1;
	if (!dot || (!is_bias && strcmp(dot, ".weight") != 0))
		return diag_fail(d, "%s: array '%s' is not named <layer>.weight or <layer>.bias",
				 path, array);
	if (layer < 0)
		return diag_fail(d, "%s: array '%s': the network has no layer '%.*s'", path, array,
				 (int)(dot - array), array);
	const struct mapped_layer *ml = &m->layers[layer];
	struct layer_weights *lw = &ws->layers[layer];
	if (!lw->weights)
		return diag_fail(d, "%s: array '%s': layer %d '%s' (%s) has no weights", path,
				 array, layer, ml->desc->name, op_name(ml->desc->op));
	if (is_bias && !lw->bias)
		return diag_fail(d, "%s: array '%s': layer %d '%s' is described with bias: false",
				 path, array, layer, ml->desc->name);
	/* What the layer can take: its values at 8 bytes each (int64 or float64),
	 * and a header; a larger entry is not inflated, a longer array not converted. */
	size_t want = is_bias ? (size_t)ml->out_channels : (size_t)ml->weights;
	buf = zipentry_read(z, index, archive_bytes, (uint64_t)want * 8 + (1u << 20), &len, &why);
	if (!buf)
		return diag_fail(d, "%s: array '%s': %s (layer %d '%s' takes %zu values)", path,
				 array, why, ml->index, ml->desc->name, want);
	int rc = npy_parse(buf, len, want, &a, err, sizeof err);
	free(buf);
	if (rc)
		return diag_fail(d, "%s: array '%s': %s", path, array, err);
	rc = weights_take(path, array, ml, is_bias, &a, is_bias ? lw->bias : lw->weights, d);
	npy_free(&a);
	if (rc == 0 && !is_bias)
		seen[layer] = true;
	return rc;
}

int weights_load_npz(struct weight_set *ws, const struct mapping *m, const char *path,
		     struct diag *d)
{
	const struct ziplib *zl = ziplib(d);
	int zerr = 0, rc = 0;
	zip_t *z;
	struct stat st;
	bool *seen;

	if (!zl)
		return -1;
	z = zl->open(path, ZIP_RDONLY, &zerr);
	if (z && stat(path, &st) != 0) {
		zl->discard(z);
		return diag_fail(d, "--weights %s: %s", path, strerror(errno));
	}
	if (!z) {
		zip_error_t e;
		zl->error_init_with_code(&e, zerr);
		diag_fail(d, "--weights %s: %s", path, zl->error_strerror(&e));
		zl->error_fini(&e);
		return -1;
	}
	if (weights_alloc(ws, m, true, d)) {
		zl->discard(z);
		return -1;
	}
	seen = calloc((size_t)m->n_layers, sizeof *seen);
	if (!seen)
		rc = diag_fail(d, "out of memory");
	for (zip_int64_t i = 0; rc == 0 && i < zl->get_num_entries(z, 0); i++)
		rc = load_entry(ws, m, path, z, (uint64_t)st.st_size, (zip_uint64_t)i, seen, d);
	for (int i = 0; rc == 0 && i < m->n_layers; i++)
		if (ws->layers[i].weights && !seen[i])
			rc = diag_fail(d, "%s: no array '%s.weight' for layer %d", path,
				       m->layers[i].desc->name, i);
	free(seen);
	zl->discard(z);
	if (rc)
		weights_free(ws);
	return rc;
}

int weights_prepare(struct weight_set *ws, const struct mapping *m, struct diag *d)
{
	for (int i = 0; i < ws->n_layers; i++) {
		struct layer_weights *lw = &ws->layers[i];
		if (!lw->weights)
			continue;
		lw->kernels = compute_prepare(&m->layers[i], lw->weights);
		if (!lw->kernels)
			return diag_fail(d, "out of memory");
		free(lw->weights);
		lw->weights = NULL;
	}
	return 0;
}

void weights_free(struct weight_set *ws)
{
	for (int i = 0; ws->layers && i < ws->n_layers; i++) {
		free(ws->layers[i].weights);
		free(ws->layers[i].bias);
		kern_release(ws->layers[i].kernels);
	}
	free(ws->layers);
	ws->layers = NULL;
	ws->n_layers = 0;
}
