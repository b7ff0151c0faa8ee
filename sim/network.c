/* network.c: loading network descriptions (models/NAME.yaml).
 *
 * The format is documented in models/README.md.  Each layer key has one
 * reader in `layer_keys`; a key not in that table is an error.  Checks that
 * need the hardware (kernel sizes supported, memory fit) are in mapping.c.
 * A document in the vendor's format goes to vendornet.c instead.
 */
#include "network.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendornet.h"
#include "yamlfile.h"

struct loader {
	struct yamlfile *f;
	struct network_desc *net;
	struct diag *d;
};

typedef int (*key_reader)(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			  const char *path);

static int read_int(struct loader *ld, yaml_node_t *n, const char *path, long long min,
		    long long max, int *out)
{
	long long v;
	if (yamlfile_int(ld->f, n, path, min, max, &v, ld->d))
		return -1;
	*out = (int)v;
	return 0;
}


static int read_name(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	if (!*s || strlen(s) >= NAME_LEN || strcmp(s, "input") == 0)
		return yamlfile_fail(ld->f, n, path, ld->d,
				     "a layer name has 1 to %d characters and is not 'input'",
				     NAME_LEN - 1);
	for (const char *c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' && *c != '.')
			return yamlfile_fail(ld->f, n, path, ld->d,
					     "'%s': use letters, digits, '_', '-' and '.' only", s);
	strcpy(l->name, s);
	return 0;
}

static int read_op(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	l->op = op_parse(s);
	if (l->op == OP_COUNT)
		return yamlfile_fail(ld->f, n, path, ld->d,
				     "unknown operation '%s' (conv2d, conv1d, convtranspose2d, "
				     "linear, passthrough, add, sub, xor, or)",
				     s);
	return 0;
}

static int read_eltwise(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	l->eltwise = op_parse(s);
	if (!op_is_eltwise(l->eltwise))
		return yamlfile_fail(ld->f, n, path, ld->d,
				     "unknown element-wise operation '%s' (add, sub, xor, or)", s);
	return 0;
}

static int read_out_channels(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	return read_int(ld, n, path, 1, 65536, &l->out_channels);
}

static int read_kernel(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return yamlfile_pair(ld->f, n, path, 1, 31, &l->kernel_h, &l->kernel_w, ld->d);
}

static int read_pad(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return read_int(ld, n, path, 0, 16, &l->pad);
}

static int read_stride(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return read_int(ld, n, path, 1, 16, &l->stride);
}

static int read_dilation(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	return read_int(ld, n, path, 1, 16, &l->dilation);
}

static int read_groups(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return read_int(ld, n, path, 1, 65536, &l->groups);
}

static int read_pool(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	if (strcmp(s, "max") == 0)
		l->pool = POOL_MAX;
	else if (strcmp(s, "avg") == 0)
		l->pool = POOL_AVG;
	else if (strcmp(s, "none") == 0)
		l->pool = POOL_NONE;
	else
		return yamlfile_fail(ld->f, n, path, ld->d, "expected max, avg or none, found '%s'",
				     s);
	return 0;
}

static int read_pool_size(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return yamlfile_pair(ld->f, n, path, 1, 64, &l->pool_h, &l->pool_w, ld->d);
}

static int read_pool_stride(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	return yamlfile_pair(ld->f, n, path, 1, 64, &l->pool_stride_h, &l->pool_stride_w, ld->d);
}

int network_find_layer(const struct network_desc *net, int before, const char *name)
{
	for (int i = 0; i < before; i++)
		if (strcmp(net->layers[i].name, name) == 0)
			return i;
	return -2;
}

static int read_in_sequences(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	int self = (int)(l - ld->net->layers);
	yaml_node_item_t *it, *end;

	if (n->type == YAML_SCALAR_NODE) {
		it = NULL;
		end = NULL;
	} else {
		if (yamlfile_sequence(ld->f, n, path, ld->d))
			return -1;
		it = n->data.sequence.items.start;
		end = n->data.sequence.items.top;
		if (it == end)
			return yamlfile_fail(ld->f, n, path, ld->d, "the list is empty");
		if (end - it > LAYER_MAX_INPUTS)
			return yamlfile_fail(ld->f, n, path, ld->d, "more than %d inputs",
					     LAYER_MAX_INPUTS);
	}
	l->n_inputs = 0;
	do {
		yaml_node_t *item = it ? yamlfile_node(ld->f, *it) : n;
		const char *s = yamlfile_text(ld->f, item, path, ld->d);
		int src;

		if (!s)
			return -1;
		src = strcmp(s, "input") == 0 ? LAYER_INPUT_NETWORK : network_find_layer(ld->net, self, s);
		if (src == -2)
			return yamlfile_fail(ld->f, item, path, ld->d,
					     "'%s' is not the name of an earlier layer (or 'input')",
					     s);
		l->inputs[l->n_inputs++] = src;
	} while (it && ++it < end);
	return 0;
}

static int read_flatten(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			const char *path)
{
	return yamlfile_bool(ld->f, n, path, &l->flatten, ld->d);
}

static int read_pool_first(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	return yamlfile_bool(ld->f, n, path, &l->pool_first, ld->d);
}

static int read_activation(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	if (strcmp(s, "relu") == 0)
		l->activation = ACT_RELU;
	else if (strcmp(s, "abs") == 0)
		l->activation = ACT_ABS;
	else if (strcmp(s, "none") == 0)
		l->activation = ACT_NONE;
	else
		return yamlfile_fail(ld->f, n, path, ld->d, "expected relu, abs or none, found '%s'",
				     s);
	return 0;
}

static int read_weight_bits(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			    const char *path)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);

	if (!s)
		return -1;
	if (strcmp(s, "binary") == 0) {
		l->has_weight_bits = true;
		l->binary = true;
		l->weight_bits = 1;
		return 0;
	}
	l->has_weight_bits = true;
	if (read_int(ld, n, path, 1, 8, &l->weight_bits))
		return -1;
	if (l->weight_bits != 1 && l->weight_bits != 2 && l->weight_bits != 4 &&
	    l->weight_bits != 8)
		return yamlfile_fail(ld->f, n, path, ld->d, "expected 1, 2, 4, 8 or binary, found %s",
				     s);
	l->binary = false;
	return 0;
}

static int read_bias(struct loader *ld, struct layer_desc *l, yaml_node_t *n, const char *path)
{
	return yamlfile_bool(ld->f, n, path, &l->bias, ld->d);
}

static int read_output_shift(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	l->has_output_shift = true;
	return read_int(ld, n, path, -31, 31, &l->output_shift);
}

static int read_output_width(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			     const char *path)
{
	if (read_int(ld, n, path, 8, 32, &l->output_width))
		return -1;
	if (l->output_width != 8 && l->output_width != 32)
		return yamlfile_fail(ld->f, n, path, ld->d, "expected 8 or 32");
	return 0;
}

/* A processor mask in hexadecimal, of any length up to PROC_MAX bits. */
static int read_mask(struct loader *ld, yaml_node_t *n, const char *path, struct procmask *m)
{
	const char *s = yamlfile_text(ld->f, n, path, ld->d);
	const char *digits;
	size_t len;

	if (!s)
		return -1;
	if (strncmp(s, "0x", 2) != 0 && strncmp(s, "0X", 2) != 0)
		return yamlfile_fail(ld->f, n, path, ld->d,
				     "expected a hexadecimal mask such as 0x000000000000ffff");
	digits = s + 2;
	len = strlen(digits);
	if (len == 0 || len > PROC_MAX / 4)
		return yamlfile_fail(ld->f, n, path, ld->d, "expected 1 to %d hexadecimal digits",
				     PROC_MAX / 4);
	char bad;
	if (procmask_from_hex(m, digits, "", &bad))
		return yamlfile_fail(ld->f, n, path, ld->d, "'%c' is not a hexadecimal digit", bad);
	if (procmask_empty(m))
		return yamlfile_fail(ld->f, n, path, ld->d, "the mask selects no processor");
	return 0;
}

static int read_processors(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	l->has_processors = true;
	return read_mask(ld, n, path, &l->processors);
}

static int read_output_processors(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
				  const char *path)
{
	l->has_output_processors = true;
	return read_mask(ld, n, path, &l->output_processors);
}


static int read_in_offset(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return yamlfile_offset(ld->f, n, path, &l->in_offset, ld->d);
}

static int read_out_offset(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			   const char *path)
{
	return yamlfile_offset(ld->f, n, path, &l->out_offset, ld->d);
}

static int read_write_gap(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return read_int(ld, n, path, 0, 63, &l->write_gap);
}

static int read_read_gap(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			 const char *path)
{
	return read_int(ld, n, path, 0, 63, &l->read_gap);
}

static int read_output(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
		       const char *path)
{
	return yamlfile_bool(ld->f, n, path, &l->output, ld->d);
}

static int read_streaming(struct loader *ld, struct layer_desc *l, yaml_node_t *n,
			  const char *path)
{
	return yamlfile_bool(ld->f, n, path, &l->streaming, ld->d);
}

static const struct {
	const char *key;
	key_reader read;
} layer_keys[] = {
	{ "name", read_name },
	{ "op", read_op },
	{ "eltwise", read_eltwise },
	{ "out_channels", read_out_channels },
	{ "kernel", read_kernel },
	{ "pad", read_pad },
	{ "stride", read_stride },
	{ "dilation", read_dilation },
	{ "groups", read_groups },
	{ "pool", read_pool },
	{ "pool_size", read_pool_size },
	{ "pool_stride", read_pool_stride },
	{ "in_sequences", read_in_sequences },
	{ "pool_first", read_pool_first },
	{ "flatten", read_flatten },
	{ "activation", read_activation },
	{ "weight_bits", read_weight_bits },
	{ "bias", read_bias },
	{ "output_shift", read_output_shift },
	{ "output_width", read_output_width },
	{ "processors", read_processors },
	{ "output_processors", read_output_processors },
	{ "in_offset", read_in_offset },
	{ "out_offset", read_out_offset },
	{ "write_gap", read_write_gap },
	{ "read_gap", read_read_gap },
	{ "output", read_output },
	{ "streaming", read_streaming },
};

static yaml_node_t *lookup(struct yamlfile *f, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(f, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
			return yamlfile_node(f, p->value);
	}
	return NULL;
}

/* Relations between one layer's keys that hold on any hardware. */
static int check_layer(struct loader *ld, const struct layer_desc *l, yaml_node_t *map,
		       const char *path)
{
	struct yamlfile *f = ld->f;
	bool weighted = op_has_weights(l->op);

	if (weighted && !lookup(f, map, "out_channels"))
		return yamlfile_fail(f, map, path, ld->d, "'%s' (%s) needs out_channels", l->name,
				     op_name(l->op));
	if (!weighted && lookup(f, map, "out_channels"))
		return yamlfile_fail(f, lookup(f, map, "out_channels"), path, ld->d,
				     "'%s' (%s) has no weights; its output channels are its input "
				     "channels, so out_channels is not allowed",
				     l->name, op_name(l->op));
	if ((l->op == OP_CONV2D || l->op == OP_CONV1D || l->op == OP_CONVTRANSPOSE2D) &&
	    !lookup(f, map, "kernel"))
		return yamlfile_fail(f, map, path, ld->d, "'%s' (%s) needs kernel", l->name,
				     op_name(l->op));
	if (l->op == OP_CONV1D && lookup(f, map, "kernel") && l->kernel_h != l->kernel_w)
		return yamlfile_fail(f, lookup(f, map, "kernel"), path, ld->d,
				     "a conv1d kernel is one length");
	if (l->op == OP_LINEAR && (l->kernel_h != 1 || l->kernel_w != 1 || l->pad != 0))
		return yamlfile_fail(f, map, path, ld->d,
				     "'%s' (linear) takes neither kernel nor pad", l->name);
	if ((op_is_eltwise(l->op) || l->eltwise != OP_COUNT) && l->n_inputs < 2)
		return yamlfile_fail(f, map, path, ld->d,
				     "'%s': an element-wise operation needs in_sequences with 2 or "
				     "more inputs",
				     l->name);
	if (l->eltwise != OP_COUNT && !weighted)
		return yamlfile_fail(f, map, path, ld->d,
				     "'%s': eltwise fuses an element-wise step into a convolution; "
				     "write op: %s for an element-wise layer",
				     l->name, op_name(l->eltwise));
	if (l->pool == POOL_NONE && (lookup(f, map, "pool_size") || lookup(f, map, "pool_stride")))
		return yamlfile_fail(f, map, path, ld->d, "'%s': pool_size without pool (max or avg)",
				     l->name);
	if (l->pool != POOL_NONE && !lookup(f, map, "pool_size"))
		return yamlfile_fail(f, map, path, ld->d, "'%s': pool needs pool_size", l->name);
	if (lookup(f, map, "pool_first") &&
	    (l->pool == POOL_NONE || (!op_is_eltwise(l->op) && l->eltwise == OP_COUNT)))
		return yamlfile_fail(f, lookup(f, map, "pool_first"), path, ld->d,
				     "'%s': pool_first orders pooling and an element-wise step; "
				     "the layer needs both",
				     l->name);
	if (!weighted && (lookup(f, map, "weight_bits") || lookup(f, map, "bias")))
		return yamlfile_fail(f, map, path, ld->d,
				     "'%s' (%s) has no weights: weight_bits and bias do not apply",
				     l->name, op_name(l->op));
	return 0;
}

void layer_desc_init(struct layer_desc *l)
{
	memset(l, 0, sizeof *l);
	l->op = OP_COUNT;
	l->eltwise = OP_COUNT;
	l->kernel_h = l->kernel_w = 1;
	l->stride = 1;
	l->dilation = 1;
	l->groups = 1;
	l->pool_first = true;
	l->activation = ACT_NONE;
	l->weight_bits = 8;
	l->bias = true;
	l->output_width = 8;
	l->in_offset = l->out_offset = -1;
	l->read_gap = -1;
}

static int read_layer(struct loader *ld, struct layer_desc *l, yaml_node_t *map, int index)
{
	char path[64], keypath[128];

	snprintf(path, sizeof path, "layers[%d]", index);
	layer_desc_init(l);
	l->line = (int)map->start_mark.line + 1;
	if (yamlfile_mapping(ld->f, map, path, ld->d))
		return -1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(ld->f, p->key);
		const char *key = yamlfile_key(ld->f, k, ld->d);
		size_t i;

		if (!key)
			return -1;
		snprintf(keypath, sizeof keypath, "%s.%s", path, key);
		for (i = 0; i < sizeof layer_keys / sizeof layer_keys[0]; i++)
			if (strcmp(layer_keys[i].key, key) == 0)
				break;
		if (i == sizeof layer_keys / sizeof layer_keys[0])
			return yamlfile_fail(ld->f, k, keypath, ld->d, "unknown key");
		if (layer_keys[i].read(ld, l, yamlfile_node(ld->f, p->value), keypath))
			return -1;
	}
	if (!*l->name)
		return yamlfile_fail(ld->f, map, path, ld->d, "missing key 'name'");
	if (l->op == OP_COUNT)
		return yamlfile_fail(ld->f, map, path, ld->d, "missing key 'op'");
	if (network_find_layer(ld->net, index, l->name) >= 0)
		return yamlfile_fail(ld->f, lookup(ld->f, map, "name"), path, ld->d,
				     "layer name '%s' is used twice", l->name);
	/* A transposed convolution upsamples by two; that is its stride. */
	if (l->op == OP_CONVTRANSPOSE2D && !lookup(ld->f, map, "stride"))
		l->stride = 2;
	if (l->pool != POOL_NONE && !lookup(ld->f, map, "pool_stride")) {
		l->pool_stride_h = l->pool_h;
		l->pool_stride_w = l->pool_w;
	}
	/* One-dimensional data pools along its length only. */
	if (l->op == OP_CONV1D && l->pool != POOL_NONE) {
		if ((l->pool_w != 1 && l->pool_w != l->pool_h) ||
		    (l->pool_stride_w != 1 && l->pool_stride_w != l->pool_stride_h))
			return yamlfile_fail(ld->f, lookup(ld->f, map, "pool_size"), path, ld->d,
					     "'%s' (conv1d) pools N x 1: give pool_size N", l->name);
		l->pool_w = l->pool_stride_w = 1;
	}
	return check_layer(ld, l, map, path);
}

static int read_input(struct loader *ld, yaml_node_t *map)
{
	bool rows = false, columns = false;

	if (yamlfile_mapping(ld->f, map, "input", ld->d))
		return -1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(ld->f, p->key);
		yaml_node_t *v = yamlfile_node(ld->f, p->value);
		const char *key = yamlfile_key(ld->f, k, ld->d);
		char path[64];

		if (!key)
			return -1;
		snprintf(path, sizeof path, "input.%s", key);
		if (strcmp(key, "rows") == 0) {
			if (read_int(ld, v, path, 1, 65535, &ld->net->in_h))
				return -1;
			rows = true;
		} else if (strcmp(key, "columns") == 0) {
			if (read_int(ld, v, path, 1, 65535, &ld->net->in_w))
				return -1;
			columns = true;
		} else if (strcmp(key, "format") == 0) {
			const char *s = yamlfile_text(ld->f, v, path, ld->d);
			if (!s)
				return -1;
			if (strcmp(s, "HWC") && strcmp(s, "CHW"))
				return yamlfile_fail(ld->f, v, path, ld->d,
						     "expected HWC or CHW, found '%s'", s);
			ld->net->chw = strcmp(s, "CHW") == 0;
		} else {
			return yamlfile_fail(ld->f, k, path, ld->d, "unknown key");
		}
	}
	if (!rows || !columns)
		return yamlfile_fail(ld->f, map, "input", ld->d, "missing key '%s'",
				     rows ? "columns" : "rows");
	return 0;
}

static int read_network(struct loader *ld, yaml_node_t *root)
{
	yaml_node_t *name = NULL, *input = NULL, *layers = NULL;
	yaml_node_item_t *items;
	const char *s;
	int n;

	if (yamlfile_mapping(ld->f, root, "", ld->d))
		return -1;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yamlfile_node(ld->f, p->key);
		const char *key = yamlfile_key(ld->f, k, ld->d);
		yaml_node_t *v = yamlfile_node(ld->f, p->value);

		if (!key)
			return -1;
		if (strcmp(key, "name") == 0)
			name = v;
		else if (strcmp(key, "input") == 0)
			input = v;
		else if (strcmp(key, "layers") == 0)
			layers = v;
		else
			return yamlfile_fail(ld->f, k, key, ld->d, "unknown key");
	}
	if (!name || !input || !layers)
		return yamlfile_fail(ld->f, root, !name ? "name" : !input ? "input" : "layers", ld->d,
				     "missing key");
	s = yamlfile_text(ld->f, name, "name", ld->d);
	if (!s)
		return -1;
	if (!*s || strlen(s) >= NAME_LEN)
		return yamlfile_fail(ld->f, name, "name", ld->d, "expected 1 to %d characters",
				     NAME_LEN - 1);
	strcpy(ld->net->name, s);
	if (read_input(ld, input) || yamlfile_sequence(ld->f, layers, "layers", ld->d))
		return -1;
	items = layers->data.sequence.items.start;
	n = (int)(layers->data.sequence.items.top - items);
	if (n == 0)
		return yamlfile_fail(ld->f, layers, "layers", ld->d, "the network has no layers");
	ld->net->layers = calloc((size_t)n, sizeof *ld->net->layers);
	if (!ld->net->layers)
		return diag_fail(ld->d, "%s: out of memory", ld->f->origin);
	for (int i = 0; i < n; i++) {
		if (read_layer(ld, &ld->net->layers[i], yamlfile_node(ld->f, items[i]), i))
			return -1;
		ld->net->n_layers = i + 1;
	}
	return 0;
}

int network_load(struct network_desc *net, const char *path, struct diag *d)
{
	struct yamlfile f;
	struct loader ld = { &f, net, d };
	int rc;

	memset(net, 0, sizeof *net);
	snprintf(net->source, sizeof net->source, "%s", path);
	rc = yamlfile_load(&f, path, d);
	if (rc == 0 && vendornet_recognise(&f, yamlfile_root(&f)))
		rc = vendornet_read(&f, yamlfile_root(&f), net, d);
	else if (rc == 0)
		rc = read_network(&ld, yamlfile_root(&f));
	yamlfile_free(&f);
	if (rc)
		network_free(net);
	return rc;
}

int network_copy(struct network_desc *to, const struct network_desc *from, struct diag *d)
{
	*to = *from;
	to->layers = malloc((size_t)(from->n_layers ? from->n_layers : 1) * sizeof *to->layers);
	if (!to->layers) {
		to->n_layers = 0;
		return diag_fail(d, "out of memory");
	}
	memcpy(to->layers, from->layers, (size_t)from->n_layers * sizeof *to->layers);
	return 0;
}

void network_free(struct network_desc *net)
{
	free(net->layers);
	net->layers = NULL;
	net->n_layers = 0;
}

int network_set_classes(struct network_desc *net, int classes, struct diag *d)
{
	struct layer_desc *last = &net->layers[net->n_layers - 1];

	if (!op_has_weights(last->op))
		return diag_fail(d,
				 "--classes: the last layer '%s' of %s is a %s layer, whose output "
				 "channels are fixed by its input",
				 last->name, net->source, op_name(last->op));
	last->out_channels = classes;
	return 0;
}
