/* hwconfig.c: loading and checking hardware descriptions.
 *
 * The table `params` is the single list of what a description must hold.
 * The loader walks the YAML tree, finds each leaf's dotted key path in the
 * table and stores the checked value; keys the table does not know, and
 * table entries the file does not give, are errors.  --set goes through the
 * same table, so an override is checked exactly like the file.
 */
#include "hwconfig.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "layerops.h"
#include "procmask.h"
#include "yamlfile.h"

enum param_type { P_STRING, P_INT, P_REAL, P_BOOL, P_INTSET, P_OPSET };

struct param {
	const char *key;
	enum param_type type;
	size_t offset;
	double min, max; /* value range; for sets, the range of each member */
};

#define F(field) offsetof(struct hw_config, field)

static const struct param params[] = {
	{ "device", P_STRING, F(device), 0, 0 },
	{ "clock_mhz", P_REAL, F(clock_mhz), 0.001, 10000 },
	{ "host.clock_mhz", P_REAL, F(host_clock_mhz), 0.001, 10000 },
	{ "host.cycles_per_word", P_REAL, F(host_cycles_per_word), 0, 1000 },
	{ "host.timed_overhead_cycles", P_REAL, F(host_timed_overhead), 0, 1e7 },
	{ "load.clock_mhz", P_REAL, F(load_clock_mhz), 0.001, 10000 },
	{ "load.cycles_per_word", P_REAL, F(load_cycles_per_word), 0, 1000 },
	{ "processors", P_INT, F(processors), 4, PROC_MAX },
	{ "quadrants", P_INT, F(quadrants), 1, 64 },
	{ "data_memory.processors_per_instance", P_INT, F(procs_per_instance), 1, 16 },
	{ "data_memory.instance_words", P_INT, F(instance_words), 1, 1 << 20 },
	{ "data_memory.word_bits", P_INT, F(data_word_bits), 8, 128 },
	{ "weight_memory.words", P_INT, F(weight_words), 1, 1 << 16 },
	{ "weight_memory.large_words", P_INT, F(weight_large_words), 1, 1 << 16 },
	{ "weight_memory.large_every", P_INT, F(weight_large_every), 1, PROC_MAX },
	{ "weight_memory.word_bits", P_INT, F(weight_word_bits), 72, 72 },
	{ "weight_memory.instance_words", P_INT, F(weight_instance_words), 1, 1 << 16 },
	{ "weight_memory.large_instance_words", P_INT, F(weight_large_instance_words), 1, 1 << 16 },
	{ "weight_memory.depthwise_one_instance", P_BOOL, F(depthwise_one_instance), 0, 0 },
	{ "bias_memory.bytes_per_quadrant", P_INT, F(bias_bytes_per_quadrant), 0, 1 << 16 },
	{ "tram.entries", P_INT, F(tram_entries), 1, 1 << 20 },
	{ "limits.layers", P_INT, F(max_layers), 1, 4096 },
	{ "limits.channels", P_INT, F(max_channels), 1, 65536 },
	{ "limits.passes", P_INT, F(max_passes), 1, 1024 },
	{ "limits.rows", P_INT, F(max_rows), 1, 65535 },
	{ "limits.columns", P_INT, F(max_columns), 1, 65535 },
	{ "limits.first_layer_hwc_pixels", P_INT, F(max_hwc_pixels), 1, 1 << 24 },
	{ "limits.first_layer_chw_pixels", P_INT, F(max_chw_pixels), 1, 1 << 24 },
	{ "limits.pad", P_INT, F(max_pad), 0, 16 },
	{ "limits.pool_size", P_INT, F(max_pool), 1, 64 },
	{ "limits.pool_stride", P_INT, F(max_pool_stride), 1, 64 },
	{ "limits.eltwise_operands", P_INT, F(max_operands), 2, 64 },
	{ "limits.output_shift", P_INT, F(max_shift), 0, 31 },
	{ "limits.streaming_layers", P_INT, F(max_stream_layers), 0, 4096 },
	{ "limits.fifo_hwc_channels", P_INT, F(max_fifo_hwc_channels), 0, 1024 },
	{ "limits.fifo_chw_channels", P_INT, F(max_fifo_chw_channels), 0, 1024 },
	{ "operations", P_OPSET, F(ops), 0, 0 },
	{ "conv2d_kernels", P_INTSET, F(conv2d_kernels), 1, 31 },
	{ "convtranspose2d_kernels", P_INTSET, F(convt2d_kernels), 1, 31 },
	{ "conv1d_kernel_max", P_INT, F(conv1d_kernel_max), 1, 31 },
	{ "weight_bits", P_INTSET, F(weight_bits), 1, 8 },
	{ "binary_weights", P_BOOL, F(binary_weights), 0, 0 },
	{ "depthwise", P_BOOL, F(depthwise), 0, 0 },
	{ "dilation", P_BOOL, F(dilation), 0, 0 },
	{ "pipeline", P_BOOL, F(pipeline), 0, 0 },
	{ "limits.clock_mhz_without_pipeline", P_REAL, F(max_clock_no_pipeline), 0, 10000 },
	{ "timing.startup", P_INT, F(timing.startup), 0, 1 << 20 },
	{ "timing.read_per_element", P_INT, F(timing.read_per_element), 0, 1 << 10 },
	{ "timing.tram_write", P_INT, F(timing.tram_write), 0, 1 << 10 },
	{ "timing.write_state", P_INT, F(timing.write_state), 0, 1 << 10 },
	{ "timing.output_per_slot", P_INT, F(timing.output_per_slot), 0, 1 << 10 },
	{ "timing.pipeline_per_output", P_INT, F(timing.pipeline_per_output), 0, 1 << 10 },
	{ "timing.passthrough_overhead", P_INT, F(timing.passthrough_overhead), 0, 1 << 20 },
	{ "timing.preread_per_kernel_word", P_INT, F(timing.preread_per_kernel_word), 0, 1 << 20 },
	{ "energy.per_cycle_nj", P_REAL, F(energy.per_cycle_nj), 0, 1e6 },
	{ "energy.weight_read_pj", P_REAL, F(energy.weight_read_pj), 0, 1e6 },
	{ "energy.signed_input_pj", P_REAL, F(energy.signed_input_pj), 0, 1e6 },
	{ "energy.data_read_pj", P_REAL, F(energy.data_read_pj), 0, 1e6 },
	{ "energy.data_write_pj", P_REAL, F(energy.data_write_pj), 0, 1e6 },
	{ "energy.tram_write_pj", P_REAL, F(energy.tram_write_pj), 0, 1e6 },
	{ "energy.static_mw", P_REAL, F(energy.static_mw), 0, 1e6 },
	{ "energy.host_per_word_nj", P_REAL, F(energy.host_per_word_nj), 0, 1e6 },
};

#define NPARAMS (sizeof params / sizeof params[0])

static const struct param *find_param(const char *key)
{
	for (size_t i = 0; i < NPARAMS; i++)
		if (strcmp(params[i].key, key) == 0)
			return &params[i];
	return NULL;
}

static int read_set(const struct param *p, struct yamlfile *f, yaml_node_t *n, unsigned *out,
		    struct diag *d)
{
	unsigned set = 0;

	if (yamlfile_sequence(f, n, p->key, d))
		return -1;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *item = yamlfile_node(f, *it);
		if (p->type == P_OPSET) {
			const char *name = yamlfile_text(f, item, p->key, d);
			enum op op;
			if (!name)
				return -1;
			op = op_parse(name);
			if (op == OP_COUNT)
				return yamlfile_fail(f, item, p->key, d, "unknown operation '%s'",
						     name);
			set |= 1u << op;
		} else {
			long long v;
			if (yamlfile_int(f, item, p->key, (long long)p->min, (long long)p->max, &v,
					 d))
				return -1;
			set |= 1u << v;
		}
	}
	if (!set)
		return yamlfile_fail(f, n, p->key, d, "the list is empty");
	*out = set;
	return 0;
}

/* Stores node n as the value of parameter p. */
static int store(struct hw_config *hw, const struct param *p, struct yamlfile *f, yaml_node_t *n,
		 struct diag *d)
{
	char *field = (char *)hw + p->offset;
	long long i;
	const char *text;

	switch (p->type) {
	case P_STRING:
		text = yamlfile_text(f, n, p->key, d);
		if (!text)
			return -1;
		if (!*text || strlen(text) >= sizeof hw->device)
			return yamlfile_fail(f, n, p->key, d, "expected a name of 1 to %zu characters",
					     sizeof hw->device - 1);
		strcpy(field, text);
		return 0;
	case P_INT:
		if (yamlfile_int(f, n, p->key, (long long)p->min, (long long)p->max, &i, d))
			return -1;
		*(int *)field = (int)i;
		return 0;
	case P_REAL:
		return yamlfile_real(f, n, p->key, p->min, p->max, (double *)field, d);
	case P_BOOL:
		return yamlfile_bool(f, n, p->key, (bool *)field, d);
	case P_INTSET:
	case P_OPSET:
		return read_set(p, f, n, (unsigned *)field, d);
	}
	return -1;
}

/* Walks a mapping, storing each leaf; seen[] marks the parameters given. */
static int walk(struct hw_config *hw, struct yamlfile *f, yaml_node_t *map, const char *prefix,
		bool seen[NPARAMS], struct diag *d)
{
	if (yamlfile_mapping(f, map, prefix, d))
		return -1;
	for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *keynode = yamlfile_node(f, pair->key);
		yaml_node_t *value = yamlfile_node(f, pair->value);
		const char *name = yamlfile_key(f, keynode, d);
		const struct param *p;
		char path[256];

		if (!name)
			return -1;
		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", name);
		p = find_param(path);
		if (p) {
			if (store(hw, p, f, value, d))
				return -1;
			seen[p - params] = true;
		} else if (value->type == YAML_MAPPING_NODE) {
			if (walk(hw, f, value, path, seen, d))
				return -1;
		} else {
			return yamlfile_fail(f, keynode, path, d, "unknown key");
		}
	}
	return 0;
}

int hwconfig_load(struct hw_config *hw, const char *path, struct diag *d)
{
	struct yamlfile f;
	bool seen[NPARAMS] = { false };
	int rc;

	memset(hw, 0, sizeof *hw);
	snprintf(hw->source, sizeof hw->source, "%s", path);
	rc = yamlfile_load(&f, path, d);
	if (rc == 0)
		rc = walk(hw, &f, yamlfile_root(&f), "", seen, d);
	for (size_t i = 0; rc == 0 && i < NPARAMS; i++)
		if (!seen[i])
			rc = yamlfile_fail(&f, yamlfile_root(&f), params[i].key, d,
					   "missing key (every parameter must be given)");
	yamlfile_free(&f);
	return rc;
}

int hwconfig_set(struct hw_config *hw, const char *assignment, struct diag *d)
{
	const char *eq = strchr(assignment, '=');
	char key[256], origin[300];
	const struct param *p;
	struct yamlfile f;
	int rc;

	if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof key)
		return diag_fail(d, "--set %s: expected KEY=VALUE", assignment);
	memcpy(key, assignment, (size_t)(eq - assignment));
	key[eq - assignment] = '\0';
	p = find_param(key);
	if (!p)
		return diag_fail(d, "--set %s: unknown key '%s' (see configs/*.yaml for the keys)",
				 assignment, key);
	snprintf(origin, sizeof origin, "--set %s", key);
	/* The value is parsed as YAML so lists ([1, 3]) and hex work as in files. */
	rc = yamlfile_parse(&f, origin, *(eq + 1) ? eq + 1 : "''", d);
	if (rc == 0)
		rc = store(hw, p, &f, yamlfile_root(&f), d);
	yamlfile_free(&f);
	return rc;
}

int hwconfig_check(const struct hw_config *hw, struct diag *d)
{
	const char *src = hw->source;

	if (hw->processors % hw->quadrants)
		return diag_fail(d, "%s: processors (%d) must be a multiple of quadrants (%d)", src,
				 hw->processors, hw->quadrants);
	if (hw->processors % hw->procs_per_instance)
		return diag_fail(d,
				 "%s: processors (%d) must be a multiple of "
				 "data_memory.processors_per_instance (%d)",
				 src, hw->processors, hw->procs_per_instance);
	if (hw->data_word_bits != 8 * hw->procs_per_instance)
		return diag_fail(d,
				 "%s: data_memory.word_bits (%d) must hold one byte per processor "
				 "sharing the instance (%d)",
				 src, hw->data_word_bits, 8 * hw->procs_per_instance);
	if (!hw->pipeline && hw->max_clock_no_pipeline > 0 &&
	    hw->clock_mhz > hw->max_clock_no_pipeline)
		return diag_fail(d,
				 "%s: a CNN clock of %g MHz needs the pipeline (pipeline: true); "
				 "without it the %s's CNN runs at most at %g MHz",
				 src, hw->clock_mhz, hw->device, hw->max_clock_no_pipeline);
	if (hw->weight_large_words < hw->weight_words)
		return diag_fail(d,
				 "%s: weight_memory.large_words (%d) is smaller than "
				 "weight_memory.words (%d)",
				 src, hw->weight_large_words, hw->weight_words);
	/* The instance of a word is found by masking its offset, as izer does. */
	if (hw->depthwise_one_instance &&
	    (hw->weight_instance_words & (hw->weight_instance_words - 1) ||
	     hw->weight_large_instance_words & (hw->weight_large_instance_words - 1)))
		return diag_fail(d,
				 "%s: weight_memory.depthwise_one_instance needs instance_words "
				 "(%d) and large_instance_words (%d) to be powers of two",
				 src, hw->weight_instance_words, hw->weight_large_instance_words);
	return 0;
}

int hwconfig_weight_words(const struct hw_config *hw, int p)
{
	return p % hw->weight_large_every == 0 ? hw->weight_large_words : hw->weight_words;
}

int hwconfig_instances(const struct hw_config *hw)
{
	return hw->processors / hw->procs_per_instance;
}

int hwconfig_instance_bytes(const struct hw_config *hw)
{
	return hw->instance_words * (hw->data_word_bits / 8);
}
