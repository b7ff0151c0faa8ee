/* ckptnet.c: a network's weights from a quantized checkpoint (see ckptnet.h). */
#include "ckptnet.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The tensors that go with one layer. */
struct layer_tensors {
	const struct ckpt_tensor *weight, *bias, *bits, *shift;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* The k-th weight tensor of the state_dict, or NULL. */
static const struct ckpt_tensor *nth_weight(const struct checkpoint *ck, int k)
{
	for (int i = 0; i < ck->n; i++)
		if (ends_with(ck->tensors[i].name, ".weight") && k-- == 0)
			return &ck->tensors[i];
	return NULL;
}

/* name with its last `drop` dot-separated parts replaced by suffix. */
static const struct ckpt_tensor *sibling(const struct checkpoint *ck, const char *name, int drop,
					 const char *suffix)
{
	char key[sizeof ck->tensors[0].name + 32];
	size_t len = strlen(name);

	while (drop-- > 0) {
		while (len > 0 && name[len - 1] != '.')
			len--;
		if (len == 0)
			return NULL;
		len--;
	}
	snprintf(key, sizeof key, "%.*s%s", (int)len, name, suffix);
	return checkpoint_find(ck, key);
}

/* The weight tensor of weighted layer number k and the tensors beside it. */
static struct layer_tensors tensors_of(const struct checkpoint *ck, int k)
{
	struct layer_tensors t = { nth_weight(ck, k), NULL, NULL, NULL };

	if (t.weight) {
		/* "a.op.weight": bias a.op.bias; bits and shift a.weight_bits, a.output_shift
		 * ("fc.weight": fc.bias, fc.weight_bits, fc.output_shift). */
		int parts = strchr(t.weight->name, '.') != strrchr(t.weight->name, '.') ? 2 : 1;
		t.bias = sibling(ck, t.weight->name, 1, ".bias");
		t.bits = sibling(ck, t.weight->name, parts, ".weight_bits");
		t.shift = sibling(ck, t.weight->name, parts, ".output_shift");
	}
	return t;
}

static int layer_fail(struct diag *d, const struct checkpoint *ck, int index,
		      const struct layer_desc *l, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int layer_fail(struct diag *d, const struct checkpoint *ck, int index,
		      const struct layer_desc *l, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return diag_fail(d, "%s: layer %d '%s' (%s): %s", ck->path, index, l->name,
			 op_name(l->op), what);
}

/* A one-value tensor as an integer (bit widths and shifts are stored either way). */
static int scalar_of(const struct ckpt_tensor *t, long *out)
{
	if (t->count != 1 || t->values[0] != floor(t->values[0]) || fabs(t->values[0]) > 1e6)
		return -1;
	*out = (long)t->values[0];
	return 0;
}

/* The checkpoint's bit width of a layer: weight_bits, 8 without it or at 0. */
static int checkpoint_bits(const struct layer_tensors *t, long *bits)
{
	*bits = 8;
	if (t->bits && scalar_of(t->bits, bits))
		return -1;
	if (*bits == 0)
		*bits = 8;
	return 0;
}

/* Dimensions a layer's weights have in PyTorch. */
static int weight_dims(enum op op)
{
	return op == OP_LINEAR ? 2 : op == OP_CONV1D ? 3 : 4;
}

static int check_weights(const struct checkpoint *ck, int index, struct layer_desc *l,
			 const struct layer_tensors *t, const struct hw_config *hw,
			 struct diag *d)
{
	const struct ckpt_tensor *w = t->weight;
	bool all_zero = true, all_unit = true;
	double lo = 0, hi = 0;
	char shape[128];
	long bits, shift = 0;

	diag_shape(w->shape, w->ndim, shape, sizeof shape);
	if (w->ndim != weight_dims(l->op))
		return layer_fail(d, ck, index, l, "%s has shape %s; a %s layer's weights have %d "
				  "dimensions", w->name, shape, op_name(l->op), weight_dims(l->op));
	for (size_t i = 0; i < w->count; i++) {
		double v = w->values[i];
		if (v != floor(v))
			return layer_fail(d, ck, index, l, "%s[%zu] = %g is not a whole number: "
					  "is the checkpoint quantized?", w->name, i, v);
		all_zero = all_zero && v == 0;
		all_unit = all_unit && fabs(v) == 1;
		lo = i == 0 || v < lo ? v : lo;
		hi = i == 0 || v > hi ? v : hi;
	}
	if (checkpoint_bits(t, &bits))
		return layer_fail(d, ck, index, l, "%s is not one whole number", t->bits->name);
	if (!l->has_weight_bits) {
		l->binary = hw->binary_weights && all_unit;
		l->weight_bits = l->binary || all_zero ? 1 : (int)bits;
	}
	if (l->weight_bits != 1 && l->weight_bits != 2 && l->weight_bits != 4 &&
	    l->weight_bits != 8)
		return layer_fail(d, ck, index, l, "%s gives %d-bit weights; the hardware takes 1, "
				  "2, 4 or 8", t->bits->name, l->weight_bits);
	if (l->binary ? !all_unit
		      : lo < -(1 << (l->weight_bits - 1)) || hi > (1 << (l->weight_bits - 1)) - 1)
		return layer_fail(d, ck, index, l, "%s holds values from %g to %g, outside %s%d-bit "
				  "weights", w->name, lo, hi, l->binary ? "binary " : "",
				  l->weight_bits);
	if (!l->has_output_shift && t->shift && scalar_of(t->shift, &shift))
		return layer_fail(d, ck, index, l, "%s is not one whole number", t->shift->name);
	if (!l->has_output_shift)
		l->output_shift = (int)shift;
	return 0;
}

/* Output channels and kernel from the weights' shape, as the vendor's tool takes them. */
static int check_shape(const struct checkpoint *ck, int index, struct layer_desc *l,
		       const struct ckpt_tensor *w, struct diag *d)
{
	/* A transposed convolution's weights are [in, out, kh, kw] in PyTorch. */
	long out = l->op == OP_CONVTRANSPOSE2D ? w->shape[1] : w->shape[0];
	char shape[128];

	diag_shape(w->shape, w->ndim, shape, sizeof shape);
	if (l->op == OP_CONV1D && w->shape[2] != l->kernel_h)
		return layer_fail(d, ck, index, l, "%s has shape %s: kernel length %ld, the "
				  "description says %d", w->name, shape, w->shape[2], l->kernel_h);
	if (w->ndim == 4 && (w->shape[2] != l->kernel_h || w->shape[3] != l->kernel_w))
		return layer_fail(d, ck, index, l, "%s has shape %s: %ldx%ld kernels, the "
				  "description says %dx%d", w->name, shape, w->shape[2],
				  w->shape[3], l->kernel_h, l->kernel_w);
	if (out < 1 || out > 65536)
		return layer_fail(d, ck, index, l, "%s has shape %s", w->name, shape);
	if (l->out_channels && l->out_channels != out)
		return layer_fail(d, ck, index, l, "%s has shape %s: %ld output channels, the "
				  "description says %d", w->name, shape, out, l->out_channels);
	l->out_channels = (int)out;
	return 0;
}

int ckptnet_describe(struct network_desc *net, const struct checkpoint *ck,
		     const struct hw_config *hw, struct diag *d)
{
	int k = 0;

	if (*net->arch && *ck->arch && strcasecmp(net->arch, ck->arch) != 0)
		return diag_fail(d, "%s: the checkpoint is of model '%s', the network description "
				 "of '%s'", ck->path, ck->arch, net->arch);
	for (int i = 0; i < net->n_layers; i++) {
		struct layer_desc *l = &net->layers[i];
		struct layer_tensors t;

		if (!op_has_weights(l->op))
			continue;
		t = tensors_of(ck, k++);
		if (!t.weight)
			return layer_fail(d, ck, i, l, "no weights in the checkpoint: its %d weight "
					  "tensor%s went to the layers with weights before this one",
					  k - 1, k - 1 == 1 ? "" : "s");
		if (check_shape(ck, i, l, t.weight, d) || check_weights(ck, i, l, &t, hw, d))
			return -1;
		l->bias = t.bias != NULL;
	}
	return 0;
}

/* An array of t's shape, its values still to fill; -1 when out of memory. */
static int array_like(const struct ckpt_tensor *t, struct npy_array *a)
{
	a->ndim = t->ndim;
	memcpy(a->shape, t->shape, sizeof a->shape);
	a->count = t->count;
	a->values = malloc((t->count ? t->count : 1) * sizeof *a->values);
	return a->values ? 0 : -1;
}

/* The layer's weights in the order the kernels take them. */
static int weight_array(const struct ckpt_tensor *w, enum op op, struct npy_array *a)
{
	if (array_like(w, a))
		return -1;
	if (op != OP_CONVTRANSPOSE2D) {
		for (size_t i = 0; i < w->count; i++)
			a->values[i] = (int64_t)w->values[i];
		return 0;
	}
	/* [in, out, kh, kw] -> [out, in, kh, kw], flipped in both spatial axes: the
	 * kernel of the equivalent convolution of the zero-spread input. */
	long in = w->shape[0], out = w->shape[1], kh = w->shape[2], kw = w->shape[3];
	a->shape[0] = out;
	a->shape[1] = in;
	for (long o = 0; o < out; o++)
		for (long c = 0; c < in; c++)
			for (long y = 0; y < kh; y++)
				for (long x = 0; x < kw; x++)
					a->values[((o * in + c) * kh + y) * kw + x] = (int64_t)
						w->values[((c * out + o) * kh + (kh - 1 - y)) * kw +
							  (kw - 1 - x)];
	return 0;
}

/* quantize.py stores a bias b as b * 2^(bits - 1); the vendor's tool floors the quotient. */
static int bias_array(const struct ckpt_tensor *b, long bits, struct npy_array *a)
{
	if (array_like(b, a))
		return -1;
	for (size_t i = 0; i < b->count; i++)
		a->values[i] = (int64_t)floor(b->values[i] / (double)(1L << (bits - 1)));
	return 0;
}

int ckptnet_weights(struct weight_set *ws, const struct mapping *m, const struct checkpoint *ck,
		    struct diag *d)
{
	int k = 0, rc = 0;

	if (weights_alloc(ws, m, true, d))
		return -1;
	for (int i = 0; i < m->n_layers && rc == 0; i++) {
		const struct mapped_layer *ml = &m->layers[i];
		struct layer_weights *lw = &ws->layers[i];
		struct npy_array a = { 0 };
		struct layer_tensors t;
		long bits;

		if (!lw->weights)
			continue;
		t = tensors_of(ck, k++);
		if (weight_array(t.weight, ml->desc->op, &a))
			rc = diag_fail(d, "out of memory");
		else
			rc = weights_take(ck->path, t.weight->name, ml, false, &a, lw->weights, d);
		npy_free(&a);
		if (rc || !lw->bias)
			continue;
		checkpoint_bits(&t, &bits);
		if (bias_array(t.bias, bits, &a))
			rc = diag_fail(d, "out of memory");
		else
			rc = weights_take(ck->path, t.bias->name, ml, true, &a, lw->bias, d);
		npy_free(&a);
	}
	if (rc)
		weights_free(ws);
	return rc;
}
