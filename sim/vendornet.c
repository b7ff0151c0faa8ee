/* vendornet.c: the vendor's network format (see vendornet.h).
 *
 * Keys and defaults follow ai8x-synthesis izer/yamlcfg.py and izer/izer.py.
 * Every key the vendor's tool accepts is either read here or refused with a
 * message that names it: a key that changes what the chip computes, where
 * data lives or how long it takes is never silently ignored.
 */
#include "vendornet.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct reader {
	struct yamlfile *f;
	struct network_desc *net;
	struct diag *d;
	int index;                /* of the layer being read */
	yaml_node_t *layer;       /* its mapping */
	int operands;             /* the `operands` key, 0 if absent */
	bool has_pool_first;
	bool has_out_offset;
	bool has_pad;
	bool has_kernel;
};

typedef int (*key_reader)(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			  const char *path);

static int fail(struct reader *r, yaml_node_t *n, const char *path, const char *what)
{
	return yamlfile_fail(r->f, n, path, r->d, "%s", what);
}

static int read_int(struct reader *r, yaml_node_t *n, const char *path, long long min,
		    long long max, int *out)
{
	long long v;

	if (yamlfile_int(r->f, n, path, min, max, &v, r->d))
		return -1;
	*out = (int)v;
	return 0;
}


/* A word from a closed list, compared without case as the vendor's tool does. */
static int read_choice(struct reader *r, yaml_node_t *n, const char *path,
		       const char *const *words, const char *expect)
{
	const char *s = yamlfile_text(r->f, n, path, r->d);

	if (!s)
		return -1;
	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return i;
	return yamlfile_fail(r->f, n, path, r->d, "'%s': expected %s", s, expect);
}

/* A processor mask: hexadecimal 0x... (the vendor allows '.' and '_' between
 * digits) or a decimal number. */
static int read_mask(struct reader *r, yaml_node_t *n, const char *path, struct procmask *m)
{
	const char *s = yamlfile_text(r->f, n, path, r->d);
	bool hex;

	if (!s)
		return -1;
	memset(m, 0, sizeof *m);
	hex = strncasecmp(s, "0x", 2) == 0;
	if (!hex) {
		char *end;
		unsigned long long v = strtoull(s, &end, 10);
		if (!*s || *end || !isdigit((unsigned char)*s))
			return yamlfile_fail(r->f, n, path, r->d,
					     "'%s' is not a processor mask (0x...)", s);
		m->w[0] = v;
	} else {
		char bad;
		int rc = procmask_from_hex(m, s + 2, "._", &bad);  /* izer allows 0x0000.ffff */
		if (rc == 1)
			return yamlfile_fail(r->f, n, path, r->d, "'%c' is not a hexadecimal digit",
					     bad);
		if (rc == 2)
			return yamlfile_fail(r->f, n, path, r->d, "more than %d processors",
					     PROC_MAX);
	}
	if (procmask_empty(m))
		return fail(r, n, path, "the mask selects no processor");
	return 0;
}

static int read_processors(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	l->has_processors = true;
	return read_mask(r, n, path, &l->processors);
}

static int read_output_processors(struct reader *r, struct layer_desc *l, yaml_node_t *n,
				  const char *path)
{
	l->has_output_processors = true;
	return read_mask(r, n, path, &l->output_processors);
}


static int read_in_offset(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return yamlfile_offset(r->f, n, path, &l->in_offset, r->d);
}

static int read_out_offset(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	r->has_out_offset = true;
	return yamlfile_offset(r->f, n, path, &l->out_offset, r->d);
}

static int read_activation(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	static const char *const words[] = { "none", "relu", "abs", NULL };
	static const enum activation acts[] = { ACT_NONE, ACT_RELU, ACT_ABS };
	int i = read_choice(r, n, path, words, "ReLU, Abs or None");

	if (i < 0)
		return -1;
	l->activation = acts[i];
	return 0;
}

static int read_pad(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	r->has_pad = true;
	return read_int(r, n, path, 0, 16, &l->pad);
}

/* conv2d 1x1 or 3x3, convtranspose2d 3x3, conv1d a length 1..9. */
static int read_kernel_size(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	const char *s = yamlfile_text(r->f, n, path, r->d);

	if (!s)
		return -1;
	r->has_kernel = true;
	if (l->op == OP_CONV1D)
		return read_int(r, n, path, 1, 9, &l->kernel_h);
	if (l->op == OP_CONV2D || l->op == OP_CONVTRANSPOSE2D) {
		bool two_d = l->op == OP_CONV2D;
		if (strcasecmp(s, "3x3") && (!two_d || strcasecmp(s, "1x1")))
			return yamlfile_fail(r->f, n, path, r->d, "'%s': expected %s", s,
					     two_d ? "1x1 or 3x3" : "3x3");
		l->kernel_h = l->kernel_w = s[0] - '0';
		return 0;
	}
	return yamlfile_fail(r->f, n, path, r->d, "a %s layer has no kernel_size",
			     op_name(l->op));
}

static int read_pool(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path,
		     enum pool_op kind)
{
	if (l->pool != POOL_NONE)
		return fail(r, n, path, "give max_pool or avg_pool, not both");
	l->pool = kind;
	return yamlfile_pair(r->f, n, path, 1, 64, &l->pool_h, &l->pool_w, r->d);
}

static int read_max_pool(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	return read_pool(r, l, n, path, POOL_MAX);
}

static int read_avg_pool(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	return read_pool(r, l, n, path, POOL_AVG);
}

static int read_pool_stride(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	return yamlfile_pair(r->f, n, path, 1, 64, &l->pool_stride_h, &l->pool_stride_w, r->d);
}

static int read_eltwise(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			const char *path)
{
	static const char *const words[] = { "add", "sub", "xor", "or", NULL };
	static const enum op ops[] = { OP_ADD, OP_SUB, OP_XOR, OP_OR };
	int i = read_choice(r, n, path, words, "add, sub, xor or or");

	if (i < 0)
		return -1;
	/* On a passthrough the step is the layer; on a convolution it is fused before it. */
	if (l->op == OP_PASSTHROUGH)
		l->op = ops[i];
	else if (op_has_weights(l->op))
		l->eltwise = ops[i];
	else
		return yamlfile_fail(r->f, n, path, r->d, "a %s layer is element-wise already",
				     op_name(l->op));
	return 0;
}

static int read_operands(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	(void)l;
	return read_int(r, n, path, 2, 16, &r->operands);
}

static int read_bool(struct reader *r, yaml_node_t *n, const char *path, bool *out)
{
	return yamlfile_bool(r->f, n, path, out, r->d);
}

static int read_pool_first(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	r->has_pool_first = true;
	return read_bool(r, n, path, &l->pool_first);
}

static int read_flatten(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			const char *path)
{
	return read_bool(r, n, path, &l->flatten);
}

static int read_streaming(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return read_bool(r, n, path, &l->streaming);
}

static int read_output(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return read_bool(r, n, path, &l->output);
}

static int read_data_format(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	static const char *const words[] = { "hwc", "little", "chw", "big", NULL };
	int i = read_choice(r, n, path, words, "HWC or CHW");

	(void)l;
	if (i < 0)
		return -1;
	if (i >= 2 && r->index > 0)
		return fail(r, n, path, "CHW data is for the first layer only");
	if (r->index == 0)
		r->net->chw = i >= 2;
	return 0;
}

static int read_output_width(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	if (read_int(r, n, path, 8, 32, &l->output_width))
		return -1;
	return l->output_width == 8 || l->output_width == 32 ? 0
							     : fail(r, n, path, "expected 8 or 32");
}

static int read_output_shift(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	l->has_output_shift = true;
	return read_int(r, n, path, -15, 15, &l->output_shift);
}

static int read_quantization(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	static const char *const words[] = { "1", "2", "4", "8", "bin", "binary", NULL };
	int i = read_choice(r, n, path, words, "1, 2, 4, 8 or binary");

	if (i < 0)
		return -1;
	l->has_weight_bits = true;
	l->binary = i >= 4;
	l->weight_bits = l->binary ? 1 : 1 << i;
	return 0;
}

/* in_sequences: a layer's index or name, -1 or `input` for the network input. */
static int read_in_sequences(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	yaml_node_item_t *it = NULL, *end = NULL;

	if (n->type != YAML_SCALAR_NODE) {
		if (yamlfile_sequence(r->f, n, path, r->d))
			return -1;
		it = n->data.sequence.items.start;
		end = n->data.sequence.items.top;
		if (it == end)
			return fail(r, n, path, "the list is empty");
		if (end - it > LAYER_MAX_INPUTS)
			return yamlfile_fail(r->f, n, path, r->d, "more than %d inputs",
					     LAYER_MAX_INPUTS);
	}
	l->n_inputs = 0;
	do {
		yaml_node_t *item = it ? yamlfile_node(r->f, *it) : n;
		const char *s = yamlfile_text(r->f, item, path, r->d);
		char *stop;
		long v;
		int src;

		if (!s)
			return -1;
		v = strtol(s, &stop, 0);
		if (*s && !*stop)
			src = v == -1 ? LAYER_INPUT_NETWORK : v >= 0 && v < r->index ? (int)v : -2;
		else if (strcasecmp(s, "input") == 0)
			src = LAYER_INPUT_NETWORK;
		else
			src = network_find_layer(r->net, r->index, s);
		if (src == -2)
			return yamlfile_fail(r->f, item, path, r->d,
					     "'%s' is not an earlier layer (its index or name) or "
					     "the input (-1)",
					     s);
		l->inputs[l->n_inputs++] = src;
	} while (it && ++it < end);
	return 0;
}

static int read_name(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	const char *s = yamlfile_text(r->f, n, path, r->d);

	if (!s)
		return -1;
	if (!*s || strlen(s) >= NAME_LEN || !strcasecmp(s, "input") || !strcasecmp(s, "stop"))
		return yamlfile_fail(r->f, n, path, r->d,
				     "a layer name has 1 to %d characters and is not 'input' or "
				     "'stop'",
				     NAME_LEN - 1);
	for (const char *c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' && *c != '.')
			return yamlfile_fail(r->f, n, path, r->d,
					     "'%s': dexsim takes letters, digits, '_', '-' and '.' "
					     "in layer names (they name the dump files)",
					     s);
	strcpy(l->name, s);
	return 0;
}

static int read_write_gap(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return read_int(r, n, path, 0, 63, &l->write_gap);
}

static int read_read_gap(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	if (l->read_gap > 0)
		return fail(r, n, path, "give read_gap or in_skip, not both");
	return read_int(r, n, path, 0, 63, &l->read_gap);
}

static int read_groups(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	if (l->groups != 1)
		return fail(r, n, path, "give groups or conv_groups, not both");
	return read_int(r, n, path, 1, 65536, &l->groups);
}

static int read_dilation(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	int h, w;

	if (yamlfile_pair(r->f, n, path, 1, 16, &h, &w, r->d))
		return -1;
	if (l->op != OP_CONV1D && (h != 1 || w != 1))
		return yamlfile_fail(r->f, n, path, r->d, "dilation on %s is not supported",
				     op_name(l->op));
	l->dilation = h;
	return 0;
}

static int read_stride(struct reader *r, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	int h, w;

	if (yamlfile_pair(r->f, n, path, 1, 16, &h, &w, r->d))
		return -1;
	if (h != w)
		return fail(r, n, path, "stride must be the same in both dimensions");
	if (l->op == OP_CONVTRANSPOSE2D ? h != 2 : h != 1)
		return yamlfile_fail(r->f, n, path, r->d,
				     "stride %d: the MAX7800x convolves with stride %d here "
				     "(pooling downsamples)",
				     h, l->op == OP_CONVTRANSPOSE2D ? 2 : 1);
	return 0;
}

static int read_out_channels(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	if (!op_has_weights(l->op))
		return yamlfile_fail(r->f, n, path, r->d,
				     "a %s layer keeps its input channels", op_name(l->op));
	return read_int(r, n, path, 1, 65536, &l->out_channels);
}

/* bias_group / bias_quadrant: one quadrant or a list of them. */
static int read_bias_group(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	yaml_node_item_t *it = NULL, *end = NULL;

	if (l->bias_quadrants)
		return fail(r, n, path, "give bias_group or bias_quadrant, not both");
	if (n->type != YAML_SCALAR_NODE) {
		if (yamlfile_sequence(r->f, n, path, r->d))
			return -1;
		it = n->data.sequence.items.start;
		end = n->data.sequence.items.top;
		if (it == end)
			return fail(r, n, path, "the list is empty");
	}
	do {
		int q;
		if (read_int(r, it ? yamlfile_node(r->f, *it) : n, path, 0, 31, &q))
			return -1;
		l->bias_quadrants |= 1u << q;
	} while (it && ++it < end);
	return 0;
}

/* A convolution transposed by two adds one row and column: the only choice. */
static int read_output_pad(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	int v;

	if (read_int(r, n, path, 0, 16, &v))
		return -1;
	if (l->op != OP_CONVTRANSPOSE2D || v != 1)
		return fail(r, n, path, "output_pad 1 on convtranspose2d is all dexsim models");
	return 0;
}

/* Performance switches of the vendor's tool; only their default is modelled. */
static int read_off_switch(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	bool on;

	(void)l;
	if (read_bool(r, n, path, &on))
		return -1;
	return on ? fail(r, n, path, "not supported by dexsim (only false)") : 0;
}

static int read_pool_dilation(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			      const char *path)
{
	int h, w;

	(void)l;
	if (yamlfile_pair(r->f, n, path, 1, 16, &h, &w, r->d))
		return -1;
	return h == 1 && w == 1 ? 0 : fail(r, n, path, "pool dilation is not supported by dexsim");
}

static int read_sequence(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	int v;

	(void)l;
	if (read_int(r, n, path, 0, 1 << 20, &v))
		return -1;
	return v == r->index ? 0
			     : fail(r, n, path,
				    "layers out of sequence order are not supported by dexsim");
}

static int read_unsupported(struct reader *r, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	(void)l;
	return fail(r, n, path, "not supported by dexsim");
}

/* Keys that name the operation; they are read before all others. */
static const char *const op_keys[] = { "op", "operation", "operator", "convolution", NULL };

static const struct {
	const char *key;
	key_reader read;
} layer_keys[] = {
	{ "processors", read_processors },
	{ "output_processors", read_output_processors },
	{ "in_offset", read_in_offset },
	{ "out_offset", read_out_offset },
	{ "activate", read_activation },
	{ "activation", read_activation },
	{ "pad", read_pad },
	{ "kernel_size", read_kernel_size },
	{ "max_pool", read_max_pool },
	{ "avg_pool", read_avg_pool },
	{ "pool_stride", read_pool_stride },
	{ "eltwise", read_eltwise },
	{ "operands", read_operands },
	{ "pool_first", read_pool_first },
	{ "flatten", read_flatten },
	{ "streaming", read_streaming },
	{ "output", read_output },
	{ "data_format", read_data_format },
	{ "output_width", read_output_width },
	{ "output_shift", read_output_shift },
	{ "quantization", read_quantization },
	{ "in_sequences", read_in_sequences },
	{ "name", read_name },
	{ "write_gap", read_write_gap },
	{ "read_gap", read_read_gap },
	{ "in_skip", read_read_gap },
	{ "groups", read_groups },
	{ "conv_groups", read_groups },
	{ "dilation", read_dilation },
	{ "stride", read_stride },
	{ "out_channels", read_out_channels },
	{ "bias_group", read_bias_group },
	{ "bias_quadrant", read_bias_group },
	{ "output_pad", read_output_pad },
	{ "calcx4", read_off_switch },
	{ "readahead", read_off_switch },
	{ "tcalc", read_off_switch },
	{ "bypass", read_off_switch },
	{ "pool_dilation", read_pool_dilation },
	{ "sequence", read_sequence },
	{ "in_channels", read_unsupported },
	{ "in_dim", read_unsupported },
	{ "in_crop", read_unsupported },
	{ "in_channel_skip", read_unsupported },
	{ "next_sequence", read_unsupported },
	{ "snoop_sequence", read_unsupported },
	{ "simulated_sequence", read_unsupported },
	{ "weight_source", read_unsupported },
	{ "buffer_shift", read_unsupported },
	{ "buffer_insert", read_unsupported },
};

static bool is_op_key(const char *key)
{
	for (int i = 0; op_keys[i]; i++)
		if (strcmp(op_keys[i], key) == 0)
			return true;
	return false;
}

/* The operation, and the defaults that follow from it (izer/yamlcfg.py). */
static int read_operation(struct reader *r, struct layer_desc *l, const char *path)
{
	static const char *const words[] = { "conv2d", "conv1d", "convtranspose2d", "none",
					      "passthrough", "add", "sub", "xor", "bitwisexor",
					      "bitwise_xor", "or", "bitwiseor", "bitwise_or",
					      "linear", "fc", "mlp", NULL };
	static const enum op ops[] = { OP_CONV2D, OP_CONV1D,
				       OP_CONVTRANSPOSE2D, OP_PASSTHROUGH, OP_PASSTHROUGH,
				       OP_ADD, OP_SUB, OP_XOR, OP_XOR, OP_XOR, OP_OR, OP_OR, OP_OR,
				       OP_LINEAR, OP_LINEAR, OP_LINEAR };
	yaml_node_t *found = NULL;
	char keypath[128];

	for (yaml_node_pair_t *p = r->layer->data.mapping.pairs.start;
	     p < r->layer->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamlfile_node(r->f, p->key);
		const char *key = yamlfile_key(r->f, k, r->d);
		if (!key)
			return -1;
		if (!is_op_key(key))
			continue;
		snprintf(keypath, sizeof keypath, "%s.%s", path, key);
		if (found)
			return fail(r, k, keypath, "give one of op, operation, operator, convolution");
		found = yamlfile_node(r->f, p->value);
		int i = read_choice(r, found, keypath, words,
				    "conv2d, conv1d, convtranspose2d, passthrough (none), add, "
				    "sub, xor, or, linear (fc, mlp)");
		if (i < 0)
			return -1;
		l->op = ops[i];
	}
	if (!found)
		l->op = OP_CONV2D;
	/* The vendor's defaults: 3x3 kernels (conv1d: 9) with one row of padding. */
	switch (l->op) {
	case OP_CONV2D:
		l->kernel_h = l->kernel_w = 3;
		l->pad = 1;
		break;
	case OP_CONV1D:
		l->kernel_h = 9;
		l->kernel_w = 1;
		l->pad = 1;
		break;
	case OP_CONVTRANSPOSE2D:
		l->kernel_h = l->kernel_w = 3;
		l->pad = 1;
		l->stride = 2;
		break;
	default:
		break;
	}
	return 0;
}

/* Relations between keys, checked as the vendor's tool checks them. */
static int check_layer(struct reader *r, struct layer_desc *l, const char *path)
{
	bool eltwise = op_is_eltwise(l->op) || l->eltwise != OP_COUNT;
	yaml_node_t *map = r->layer;

	if (!l->has_processors)
		return fail(r, map, path, "missing key 'processors'");
	if (eltwise && l->n_inputs < 2)
		return fail(r, map, path,
			    "an element-wise operation needs in_sequences with 2 or more inputs");
	if (r->operands && r->operands != l->n_inputs)
		return yamlfile_fail(r->f, map, path, r->d,
				     "operands: %d, but in_sequences names %d inputs; dexsim reads "
				     "one operand per in_sequences entry",
				     r->operands, l->n_inputs);
	if (r->has_pool_first && (l->pool == POOL_NONE || !eltwise))
		return fail(r, map, path,
			    "pool_first orders pooling and an element-wise step; the layer needs "
			    "both");
	if (l->flatten && l->op != OP_LINEAR)
		return fail(r, map, path, "flatten is for linear (mlp, fc) layers");
	if (l->pad && !op_has_weights(l->op))
		return yamlfile_fail(r->f, map, path, r->d, "a %s layer has no padding",
				     op_name(l->op));
	if (!op_has_weights(l->op) && (l->has_weight_bits || l->has_output_shift))
		return yamlfile_fail(r->f, map, path, r->d,
				     "a %s layer has no weights: quantization and output_shift do "
				     "not apply",
				     op_name(l->op));
	return 0;
}

static int read_layer(struct reader *r, struct layer_desc *l, yaml_node_t *map, int index)
{
	char path[64], keypath[128];

	snprintf(path, sizeof path, "layers[%d]", index);
	layer_desc_init(l);
	l->read_gap = 0; /* the vendor's default: read every word */
	l->line = (int)map->start_mark.line + 1;
	*r = (struct reader){ .f = r->f, .net = r->net, .d = r->d, .index = index, .layer = map };
	if (yamlfile_mapping(r->f, map, path, r->d) || read_operation(r, l, path))
		return -1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(r->f, p->key);
		const char *key = yamlfile_key(r->f, k, r->d);
		size_t i;

		if (!key)
			return -1;
		if (is_op_key(key))
			continue;
		snprintf(keypath, sizeof keypath, "%s.%s", path, key);
		for (i = 0; i < sizeof layer_keys / sizeof layer_keys[0]; i++)
			if (strcmp(layer_keys[i].key, key) == 0)
				break;
		if (i == sizeof layer_keys / sizeof layer_keys[0])
			return fail(r, k, keypath, "unknown key");
		if (layer_keys[i].read(r, l, yamlfile_node(r->f, p->value), keypath))
			return -1;
	}
	/* The vendor's tool writes to offset 0 unless told otherwise. */
	if (!r->has_out_offset)
		l->out_offset = 0;
	if (l->op == OP_CONV1D && l->pool != POOL_NONE) {
		/* One-dimensional data pools along its length: max_pool 2 is 2x1. */
		l->pool_w = 1;
		l->pool_stride_w = 1;
	}
	/* Without pool_stride the vendor's pooling moves by one. */
	if (l->pool != POOL_NONE && !l->pool_stride_h) {
		l->pool_stride_h = 1;
		l->pool_stride_w = 1;
	}
	if (!op_has_weights(l->op) && !r->has_pad)
		l->pad = 0;
	if (l->op == OP_LINEAR)
		l->pad = 0;
	return check_layer(r, l, path);
}

/* Layers without a name are called layer<N>, N counting from 0. */
static int name_layers(struct reader *r)
{
	struct network_desc *net = r->net;

	for (int i = 0; i < net->n_layers; i++)
		if (!*net->layers[i].name)
			snprintf(net->layers[i].name, NAME_LEN, "layer%d", i);
	for (int i = 0; i < net->n_layers; i++)
		for (int j = 0; j < i; j++)
			if (strcasecmp(net->layers[i].name, net->layers[j].name) == 0)
				return diag_fail(r->d, "%s:%d: layers %d and %d are both called '%s'",
						 r->f->origin, net->layers[i].line, j, i,
						 net->layers[i].name);
	return 0;
}

/* The file name without folder and .yaml names the network in reports. */
static void name_network(struct network_desc *net, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base);

	if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
		len -= 5;
	if (len >= NAME_LEN)
		len = NAME_LEN - 1;
	snprintf(net->name, NAME_LEN, "%.*s", (int)len, base);
}

static yaml_node_t *top_key(struct yamlfile *f, yaml_node_t *root, const char *key)
{
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(f, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
			return yamlfile_node(f, p->value);
	}
	return NULL;
}

bool vendornet_recognise(struct yamlfile *f, yaml_node_t *root)
{
	return root && root->type == YAML_MAPPING_NODE &&
	       (top_key(f, root, "arch") || top_key(f, root, "dataset"));
}

int vendornet_read(struct yamlfile *f, yaml_node_t *root, struct network_desc *net,
		   struct diag *d)
{
	struct reader r = { .f = f, .net = net, .d = d };
	yaml_node_t *layers = NULL, *output_map = NULL;
	yaml_node_item_t *items;
	int n;

	net->format = NET_AI8X;
	name_network(net, f->origin);
	if (yamlfile_mapping(f, root, "", d))
		return -1;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(f, p->key);
		yaml_node_t *v = yamlfile_node(f, p->value);
		const char *key = yamlfile_key(f, k, d);

		if (!key)
			return -1;
		if (strcmp(key, "arch") == 0) {
			const char *s = yamlfile_text(f, v, key, d);
			if (!s)
				return -1;
			snprintf(net->arch, sizeof net->arch, "%s", s);
		} else if (strcmp(key, "dataset") == 0) {
			if (!yamlfile_text(f, v, key, d)) /* names the sample input only */
				return -1;
		} else if (strcmp(key, "layers") == 0) {
			layers = v;
		} else if (strcmp(key, "output_map") == 0) {
			output_map = v;
		} else if (!strcmp(key, "unload") || !strcmp(key, "snoop") ||
			   !strcmp(key, "data_buffer") || !strcmp(key, "bias") ||
			   !strcmp(key, "weights")) {
			return yamlfile_fail(f, k, key, d, "not supported by dexsim");
		} else {
			return yamlfile_fail(f, k, key, d, "unknown key");
		}
	}
	if (!layers)
		return yamlfile_fail(f, root, "layers", d, "missing key");
	if (yamlfile_sequence(f, layers, "layers", d))
		return -1;
	items = layers->data.sequence.items.start;
	n = (int)(layers->data.sequence.items.top - items);
	if (n == 0)
		return yamlfile_fail(f, layers, "layers", d, "the network has no layers");
	net->layers = calloc((size_t)n, sizeof *net->layers);
	if (!net->layers)
		return diag_fail(d, "%s: out of memory", f->origin);
	for (int i = 0; i < n; i++) {
		if (read_layer(&r, &net->layers[i], yamlfile_node(f, items[i]), i))
			return -1;
		net->n_layers = i + 1;
	}
	if (output_map) {
		struct layer_desc *last = &net->layers[n - 1];
		r.index = n - 1;
		last->has_output_processors = true;
		if (read_mask(&r, output_map, "output_map", &last->output_processors))
			return -1;
	}
	return name_layers(&r);
}
