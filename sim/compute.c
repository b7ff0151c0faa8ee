/* compute.c: one hardware layer's arithmetic (see compute.h). */
#include "compute.h"

#include <limits.h>
#include <string.h>

#include "kernels.h"

/* Buffers of one layer, all freed together. */
struct scratch {
	void *ptr[LAYER_MAX_INPUTS + 4];
	int n;
};

static void *scratch_alloc(struct scratch *s, size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size);

	if (p)
		s->ptr[s->n++] = p;
	return p;
}

static void scratch_free(struct scratch *s)
{
	while (s->n > 0)
		free(s->ptr[--s->n]);
}

/* The data the convolution sees: c x pooled rows x pooled columns. */
static const int8_t *pool_and_combine(const struct mapped_layer *ml,
				      const struct tensor *const *inputs, struct scratch *s)
{
	const struct layer_desc *l = ml->desc;
	struct pool_params pool = { l->pool, l->pool_h, l->pool_w, l->pool_stride_h,
				    l->pool_stride_w };
	enum op combine = op_is_eltwise(l->op) ? l->op : l->eltwise;
	int c = ml->in_channels, h = ml->in_h, w = ml->in_w;
	size_t full = (size_t)c * h * w, pooled = (size_t)c * ml->pooled_h * ml->pooled_w;
	const int8_t *operand[LAYER_MAX_INPUTS];
	int8_t *data;

	if (ml->operands > 1) {
		if (l->pool != POOL_NONE && l->pool_first) {
			for (int i = 0; i < ml->operands; i++) {
				int8_t *p = scratch_alloc(s, pooled, 1);
				if (!p)
					return NULL;
				kern_pool(&pool, inputs[i]->data, c, h, w, p);
				operand[i] = p;
			}
			data = scratch_alloc(s, pooled, 1);
			if (data)
				kern_eltwise(combine, operand, ml->operands, pooled, data);
			return data;
		}
		for (int i = 0; i < ml->operands; i++)
			operand[i] = inputs[i]->data;
		data = scratch_alloc(s, full, 1);
		if (!data)
			return NULL;
		kern_eltwise(combine, operand, ml->operands, full, data);
	} else if (l->n_inputs > 1) {
		/* Several inputs without an element-wise step: their channels in order. */
		int8_t *at = data = scratch_alloc(s, full, 1);
		if (!data)
			return NULL;
		for (int i = 0; i < l->n_inputs; i++) {
			memcpy(at, inputs[i]->data, tensor_count(inputs[i]));
			at += tensor_count(inputs[i]);
		}
	} else {
		data = inputs[0]->data;
	}
	if (l->pool == POOL_NONE)
		return data;
	int8_t *p = scratch_alloc(s, pooled, 1);
	if (p)
		kern_pool(&pool, data, c, h, w, p);
	return p;
}

/* The convolution that the layer's operation amounts to. */
static void conv_of(const struct mapped_layer *ml, struct conv_params *p)
{
	const struct layer_desc *l = ml->desc;
	int c = ml->in_channels, h = ml->pooled_h, w = ml->pooled_w;

	*p = (struct conv_params){
		.in_c = c, .in_h = h, .in_w = w,
		.out_c = ml->out_channels, .out_h = ml->out_h, .out_w = ml->out_w,
		.kernel_h = l->kernel_h, .kernel_w = l->kernel_w,
		.pad_top = l->pad, .pad_left = l->pad,
		.dilation_h = 1,
		.depthwise = l->groups > 1,
	};
	switch (l->op) {
	case OP_CONV1D:
		p->kernel_w = 1;
		p->pad_left = 0;
		p->dilation_h = l->dilation;
		break;
	case OP_CONVTRANSPOSE2D:
		/* A stride-2 transposed convolution is a convolution of the input
		 * spread out with zeros, padded by kernel - 1 - pad on each side. */
		p->in_h = 2 * h - 1;
		p->in_w = 2 * w - 1;
		p->pad_top = p->pad_left = l->kernel_h - 1 - l->pad;
		break;
	case OP_LINEAR:
		/* Flattened in PyTorch's order: channel, then row, then column. */
		p->in_c = c * h * w;
		p->in_h = p->in_w = 1;
		break;
	default:
		break;
	}
}

/* The input of that convolution: x, or for a transposed one x spread out. */
static const int8_t *conv_input(const struct mapped_layer *ml, const int8_t *x,
				struct scratch *s)
{
	int c = ml->in_channels, h = ml->pooled_h, w = ml->pooled_w;

	if (ml->desc->op != OP_CONVTRANSPOSE2D)
		return x;
	int8_t *spread = scratch_alloc(s, (size_t)c * (2 * h - 1) * (2 * w - 1), 1);
	if (spread)
		kern_zero_stuff(x, c, h, w, spread);
	return spread;
}

struct kern_kernels *compute_prepare(const struct mapped_layer *ml, const int8_t *weights)
{
	struct conv_params p;

	conv_of(ml, &p);
	return kern_prepare(&p, weights);
}

struct kern_kernels *compute_prepare_random(const struct mapped_layer *ml,
					    void (*fill)(int8_t *values, size_t n, void *arg),
					    void *arg)
{
	struct conv_params p;

	conv_of(ml, &p);
	return kern_prepare_random(&p, fill, arg);
}

void compute_unprepare(const struct mapped_layer *ml, const struct kern_kernels *k,
		       int8_t *weights)
{
	struct conv_params p;

	conv_of(ml, &p);
	kern_unprepare(&p, k, weights);
}

static int fail_memory(const struct mapped_layer *ml, struct diag *d)
{
	return diag_fail(d, "layer %d '%s': out of memory", ml->index, ml->desc->name);
}

int compute_layer(const struct mapped_layer *ml, const struct tensor *const *inputs,
		  const struct kern_kernels *kernels, const int8_t *bias, struct tensor *out,
		  struct diag *d)
{
	const struct layer_desc *l = ml->desc;
	struct scratch s = { .n = 0 };
	struct conv_params p;
	const int8_t *x;
	int32_t *acc;

	out->data = NULL;
	x = pool_and_combine(ml, inputs, &s);
	if (!x)
		goto oom;
	if (!op_has_weights(l->op)) {
		if (tensor_alloc(out, ml->out_channels, ml->out_h, ml->out_w, 8))
			goto oom;
		memcpy(out->data, x, tensor_count(out));
		kern_activate8(out->data, tensor_count(out), l->activation);
		scratch_free(&s);
		return 0;
	}

	conv_of(ml, &p);
	x = conv_input(ml, x, &s);
	long terms = (long)(p.depthwise ? 1 : p.in_c) * p.kernel_h * p.kernel_w;
	/* Every term is at most 128 x 128 in size, the bias 127 x 128. */
	if (terms > (INT32_MAX - 128L * 128) / (128L * 128)) {
		scratch_free(&s);
		return diag_fail(d, "layer %d '%s': %ld products per output can overflow the 32-bit "
				 "accumulator", ml->index, l->name, terms);
	}
	acc = x ? scratch_alloc(&s, (size_t)p.out_c * p.out_h * p.out_w, sizeof *acc) : NULL;
	if (!acc || kern_conv(&p, x, kernels, bias, acc) ||
	    tensor_alloc(out, p.out_c, p.out_h, p.out_w, l->output_width))
		goto oom;
	if (l->output_width == 32)
		kern_output32(acc, tensor_count(out), l->activation, out->data);
	else
		kern_output8(acc, tensor_count(out), l->output_shift + 8 - l->weight_bits,
			     l->activation, out->data);
	scratch_free(&s);
	return 0;
oom:
	scratch_free(&s);
	tensor_free(out);
	return fail_memory(ml, d);
}
