/* report.c: filling the report tables from a mapped network. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "energy.h"
#include "kernels.h"
#include "sha256.h"
#include "timing.h"

enum summary_column {
	S_NET, S_CONFIG, S_INPUT, S_INPUT_CHANNELS, S_SIZE_KB, S_INFO_RATIO, S_PROC_UTIL,
	S_CYCLES, S_LATENCY, S_MACS, S_LOAD, S_TOTAL, S_WEIGHTS_LOAD, S_LAYERS, S_WEIGHT_BYTES,
	S_BIAS_BYTES, S_KERNEL_WORDS, S_ENERGY, S_LOAD_ENERGY,
	S_COUNT
};

static const struct table_column summary_columns[S_COUNT] = {
	[S_NET] = { "net", NULL, COLUMN_TEXT },
	[S_CONFIG] = { "config", NULL, COLUMN_TEXT },
	[S_INPUT] = { "input", NULL, COLUMN_TEXT },
	[S_INPUT_CHANNELS] = { "input_channels", NULL, COLUMN_NUMBER },
	[S_SIZE_KB] = { "size_kb", "KiB", COLUMN_NUMBER },
	[S_INFO_RATIO] = { "info_ratio", NULL, COLUMN_NUMBER },
	[S_PROC_UTIL] = { "proc_util_pct", "%", COLUMN_NUMBER },
	[S_CYCLES] = { "cycles", NULL, COLUMN_NUMBER },
	[S_LATENCY] = { "latency_us", "us", COLUMN_NUMBER },
	[S_MACS] = { "macs", NULL, COLUMN_NUMBER },
	[S_LOAD] = { "load_us", "us", COLUMN_NUMBER },
	[S_TOTAL] = { "total_us", "us", COLUMN_NUMBER },
	[S_WEIGHTS_LOAD] = { "weights_load_us", "us", COLUMN_NUMBER },
	[S_LAYERS] = { "layers", NULL, COLUMN_NUMBER },
	[S_WEIGHT_BYTES] = { "weight_bytes", "B", COLUMN_NUMBER },
	[S_BIAS_BYTES] = { "bias_bytes", "B", COLUMN_NUMBER },
	[S_KERNEL_WORDS] = { "kernel_words", "words", COLUMN_NUMBER },
	[S_ENERGY] = { "energy_uj", "uJ", COLUMN_NUMBER },
	[S_LOAD_ENERGY] = { "load_energy_uj", "uJ", COLUMN_NUMBER },
};

enum layer_column {
	L_LAYER, L_NAME, L_OP, L_IN_CHANNELS, L_OUT_CHANNELS, L_IN_H, L_IN_W, L_OUT_H, L_OUT_W,
	L_KERNEL, L_PASSES, L_IN_PROCS, L_OUT_PROCS, L_PROC_UTIL, L_MACS, L_WEIGHT_BYTES,
	L_BIAS_BYTES, L_DATA_BYTES, L_IN_OFFSET, L_OUT_OFFSET, L_KERNEL_OFFSET, L_KERNEL_WORDS,
	L_WEIGHT_BITS, L_BINARY, L_OUTPUT_SHIFT, L_ACTIVATION, L_PAD, L_POOL_OP, L_POOL_H, L_POOL_W,
	L_POOL_STRIDE, L_GROUPS, L_OUTPUT_WIDTH, L_MAC_UTIL, L_CYCLES, L_LATENCY, L_ENERGY, L_COUNT
};

static const struct table_column layer_columns[L_COUNT] = {
	[L_LAYER] = { "layer", NULL, COLUMN_NUMBER },
	[L_NAME] = { "name", NULL, COLUMN_TEXT },
	[L_OP] = { "op", NULL, COLUMN_TEXT },
	[L_IN_CHANNELS] = { "in_channels", NULL, COLUMN_NUMBER },
	[L_OUT_CHANNELS] = { "out_channels", NULL, COLUMN_NUMBER },
	[L_IN_H] = { "in_h", NULL, COLUMN_NUMBER },
	[L_IN_W] = { "in_w", NULL, COLUMN_NUMBER },
	[L_OUT_H] = { "out_h", NULL, COLUMN_NUMBER },
	[L_OUT_W] = { "out_w", NULL, COLUMN_NUMBER },
	[L_KERNEL] = { "kernel", NULL, COLUMN_TEXT },
	[L_PASSES] = { "passes", NULL, COLUMN_NUMBER },
	[L_IN_PROCS] = { "in_procs", NULL, COLUMN_NUMBER },
	[L_OUT_PROCS] = { "out_procs", NULL, COLUMN_NUMBER },
	[L_PROC_UTIL] = { "proc_util_pct", "%", COLUMN_NUMBER },
	[L_MACS] = { "macs", NULL, COLUMN_NUMBER },
	[L_WEIGHT_BYTES] = { "weight_bytes", "B", COLUMN_NUMBER },
	[L_BIAS_BYTES] = { "bias_bytes", "B", COLUMN_NUMBER },
	[L_DATA_BYTES] = { "data_bytes", "B", COLUMN_NUMBER },
	[L_IN_OFFSET] = { "in_offset", NULL, COLUMN_TEXT },
	[L_OUT_OFFSET] = { "out_offset", NULL, COLUMN_TEXT },
	[L_KERNEL_OFFSET] = { "kernel_offset", "word", COLUMN_NUMBER },
	[L_KERNEL_WORDS] = { "kernel_words", "words", COLUMN_NUMBER },
	/* What a user needs to recompute the layer's arithmetic. */
	[L_WEIGHT_BITS] = { "weight_bits", NULL, COLUMN_NUMBER },
	[L_BINARY] = { "binary_weights", NULL, COLUMN_BOOLEAN },
	[L_OUTPUT_SHIFT] = { "output_shift", NULL, COLUMN_NUMBER },
	[L_ACTIVATION] = { "activation", NULL, COLUMN_TEXT },
	[L_PAD] = { "pad", NULL, COLUMN_NUMBER },
	[L_POOL_OP] = { "pool_op", NULL, COLUMN_TEXT },
	[L_POOL_H] = { "pool_h", NULL, COLUMN_NUMBER },
	[L_POOL_W] = { "pool_w", NULL, COLUMN_NUMBER },
	[L_POOL_STRIDE] = { "pool_stride", NULL, COLUMN_TEXT },
	[L_GROUPS] = { "groups", NULL, COLUMN_NUMBER },
	[L_OUTPUT_WIDTH] = { "output_width", "bits", COLUMN_NUMBER },
	/* From the SystemC run. */
	[L_MAC_UTIL] = { "mac_util_pct", "%", COLUMN_NUMBER },
	[L_CYCLES] = { "cycles", NULL, COLUMN_NUMBER },
	[L_LATENCY] = { "latency_us", "us", COLUMN_NUMBER },
	[L_ENERGY] = { "energy_uj", "uJ", COLUMN_NUMBER },
};

enum processor_column { P_ID, P_ACTIVE, P_MACS, P_READS, P_WRITES, P_TRAM, P_WEIGHT_WORDS, P_COUNT };

static const struct table_column processor_columns[P_COUNT] = {
	[P_ID] = { "id", NULL, COLUMN_NUMBER },
	[P_ACTIVE] = { "active_cycles", NULL, COLUMN_NUMBER },
	[P_MACS] = { "macs", NULL, COLUMN_NUMBER },
	[P_READS] = { "mem_reads", NULL, COLUMN_NUMBER },
	[P_WRITES] = { "mem_writes", NULL, COLUMN_NUMBER },
	[P_TRAM] = { "tram_writes", NULL, COLUMN_NUMBER },
	[P_WEIGHT_WORDS] = { "weight_words", NULL, COLUMN_NUMBER },
};

/* Per layer: the same statistics, each row one processor in one layer. */
enum layer_processor_column { LP_LAYER, LP_NAME, LP_PROCESSOR, LP_STATS, LP_COUNT = LP_STATS + 6 };

static const struct table_column layer_processor_columns[LP_COUNT] = {
	[LP_LAYER] = { "layer", NULL, COLUMN_NUMBER },
	[LP_NAME] = { "name", NULL, COLUMN_TEXT },
	[LP_PROCESSOR] = { "processor", NULL, COLUMN_NUMBER },
	[LP_STATS] = { "active_cycles", NULL, COLUMN_NUMBER },
	[LP_STATS + 1] = { "macs", NULL, COLUMN_NUMBER },
	[LP_STATS + 2] = { "mem_reads", NULL, COLUMN_NUMBER },
	[LP_STATS + 3] = { "mem_writes", NULL, COLUMN_NUMBER },
	[LP_STATS + 4] = { "tram_writes", NULL, COLUMN_NUMBER },
	[LP_STATS + 5] = { "weight_words", NULL, COLUMN_NUMBER },
};

enum instance_column { I_ID, I_READS, I_WRITES, I_COUNT };

enum layer_instance_column { LI_LAYER, LI_NAME, LI_INSTANCE, LI_READS, LI_WRITES, LI_COUNT };

static const struct table_column layer_instance_columns[LI_COUNT] = {
	[LI_LAYER] = { "layer", NULL, COLUMN_NUMBER },
	[LI_NAME] = { "name", NULL, COLUMN_TEXT },
	[LI_INSTANCE] = { "instance", NULL, COLUMN_NUMBER },
	[LI_READS] = { "reads", NULL, COLUMN_NUMBER },
	[LI_WRITES] = { "writes", NULL, COLUMN_NUMBER },
};

static const struct table_column instance_columns[I_COUNT] = {
	[I_ID] = { "id", NULL, COLUMN_NUMBER },
	[I_READS] = { "reads", NULL, COLUMN_NUMBER },
	[I_WRITES] = { "writes", NULL, COLUMN_NUMBER },
};

static double proc_util(const struct mapping *m, const struct procmask *procs)
{
	return 100.0 * procmask_count(procs) / m->hw->processors;
}

int report_summary_columns(const struct table_column **columns)
{
	*columns = summary_columns;
	return S_COUNT;
}

void report_summarize(const struct report_run *run, struct dexsim_summary *s)
{
	const struct mapping *m = run->map;
	int64_t input_words, weight_words;
	/* The host writes the input before each inference, the weights once. */
	double per_word_us = timing_word_us(m->hw, m->hw->load_clock_mhz);

	timing_host_words(m->hw, m, &input_words, &weight_words);
	memset(s, 0, sizeof *s);
	snprintf(s->net, sizeof s->net, "%s", m->net->name);
	snprintf(s->config, sizeof s->config, "%s", run->config_name);
	snprintf(s->input, sizeof s->input, "%s", run->input->name);
	s->input_channels = run->input->channels;
	s->size_kb = (double)(m->weight_bytes + m->bias_bytes) / 1024.0;
	/* A ready tensor carries no picture to measure the information of. */
	s->info_ratio = run->input->kind == INPUT_TENSOR ? NAN : run->info_ratio;
	s->proc_util_pct = proc_util(m, &m->layers[0].in_procs);
	s->cycles = run->model->cycles;
	s->latency_us = timing_latency_us(m->hw, run->model->cycles);
	s->macs = m->macs;
	s->load_us = (double)input_words * per_word_us;
	/* A streamed input is written while the layers run: the latency holds it. */
	s->total_us = s->latency_us + (m->layers[0].desc->streaming ? 0 : s->load_us);
	s->weights_load_us = (double)weight_words * per_word_us;
	s->layers = m->n_layers;
	s->weight_bytes = m->weight_bytes;
	s->bias_bytes = m->bias_bytes;
	s->kernel_words = m->kernel_words_used;
	s->energy_uj = energy_inference_uj(m, run->model);
	s->load_energy_uj = energy_load_uj(m);
}

void report_summary_row(struct table *t, int r, int first, const struct report_run *run)
{
	struct dexsim_summary s;

	report_summarize(run, &s);
	table_set(t, r, first + S_NET, "%s", s.net);
	table_set(t, r, first + S_CONFIG, "%s", s.config);
	table_set(t, r, first + S_INPUT, "%s", s.input);
	table_set(t, r, first + S_INPUT_CHANNELS, "%d", s.input_channels);
	table_set(t, r, first + S_SIZE_KB, "%.3f", s.size_kb);
	if (!isnan(s.info_ratio))
		table_set(t, r, first + S_INFO_RATIO, "%.2f", s.info_ratio);
	table_set(t, r, first + S_PROC_UTIL, "%.1f", s.proc_util_pct);
	table_set(t, r, first + S_CYCLES, "%lld", (long long)s.cycles);
	table_set(t, r, first + S_LATENCY, "%.2f", s.latency_us);
	table_set(t, r, first + S_MACS, "%lld", (long long)s.macs);
	table_set(t, r, first + S_LOAD, "%.2f", s.load_us);
	table_set(t, r, first + S_TOTAL, "%.2f", s.total_us);
	table_set(t, r, first + S_WEIGHTS_LOAD, "%.2f", s.weights_load_us);
	table_set(t, r, first + S_LAYERS, "%d", s.layers);
	table_set(t, r, first + S_WEIGHT_BYTES, "%lld", (long long)s.weight_bytes);
	table_set(t, r, first + S_BIAS_BYTES, "%lld", (long long)s.bias_bytes);
	table_set(t, r, first + S_KERNEL_WORDS, "%d", s.kernel_words);
	table_set(t, r, first + S_ENERGY, "%.2f", s.energy_uj);
	table_set(t, r, first + S_LOAD_ENERGY, "%.2f", s.load_energy_uj);
}

static void fill_summary(struct table *t, const struct report_run *run)
{
	int r = table_add_row(t);

	if (r >= 0)
		report_summary_row(t, r, 0, run);
}

static void fill_arithmetic(struct table *t, int r, const struct layer_desc *l)
{
	bool pooled = l->pool != POOL_NONE;

	if (op_has_weights(l->op)) {
		/* Binary weights (+1 and -1) are 1 bit each. */
		table_set(t, r, L_WEIGHT_BITS, "%d", l->binary ? 1 : l->weight_bits);
		table_set(t, r, L_BINARY, "%s", l->binary ? "true" : "false");
	}
	table_set(t, r, L_OUTPUT_SHIFT, "%d", l->output_shift);
	table_set(t, r, L_ACTIVATION, "%s", activation_name(l->activation));
	table_set(t, r, L_PAD, "%d", l->pad);
	table_set(t, r, L_POOL_OP, "%s", pool_name(l->pool));
	/* No pooling is pooling 1x1 with stride 1. */
	table_set(t, r, L_POOL_H, "%d", pooled ? l->pool_h : 1);
	table_set(t, r, L_POOL_W, "%d", pooled ? l->pool_w : 1);
	if (!pooled)
		table_set(t, r, L_POOL_STRIDE, "1");
	else if (l->pool_stride_h == l->pool_stride_w)
		table_set(t, r, L_POOL_STRIDE, "%d", l->pool_stride_h);
	else
		table_set(t, r, L_POOL_STRIDE, "%dx%d", l->pool_stride_h, l->pool_stride_w);
	table_set(t, r, L_GROUPS, "%d", l->groups);
	table_set(t, r, L_OUTPUT_WIDTH, "%d", l->output_width);
}

void report_layer(const struct report_run *run, int i, struct dexsim_layer *out)
{
	const struct mapping *m = run->map;
	const struct mapped_layer *ml = &m->layers[i];
	const struct layer_desc *l = ml->desc;
	int64_t cycles = run->model->layers[i].cycles;
	/* Each processor's engine does at most 3 x 3 MACs per clock. */
	double capacity = (double)cycles * m->hw->processors * 9;

	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", l->name);
	if (l->eltwise != OP_COUNT)
		snprintf(out->op, sizeof out->op, "%s+%s", op_name(l->eltwise), op_name(l->op));
	else
		snprintf(out->op, sizeof out->op, "%s", op_name(l->op));
	out->in_channels = ml->in_channels;
	out->out_channels = ml->out_channels;
	out->in_h = ml->in_h;
	out->in_w = ml->in_w;
	out->out_h = ml->out_h;
	out->out_w = ml->out_w;
	if (op_has_weights(l->op)) {
		out->kernel_h = l->kernel_h;
		out->kernel_w = l->op == OP_CONV1D ? 1 : l->kernel_w;
	}
	out->passes = ml->in_passes;
	out->in_procs = procmask_count(&ml->in_procs);
	out->out_procs = procmask_count(&ml->out_procs);
	out->proc_util_pct = proc_util(m, &ml->in_procs);
	out->macs = ml->macs;
	out->weight_bytes = ml->weight_bytes;
	out->bias_bytes = ml->bias_bytes;
	out->data_bytes = ml->data_bytes;
	out->in_offset = ml->in_offset;
	out->out_offset = ml->out_offset;
	out->kernel_offset = ml->kernel_offset;
	out->kernel_words = ml->kernel_words;
	out->mac_util_pct = capacity > 0 ? 100.0 * (double)ml->macs / capacity : 0.0;
	out->start = run->model->layers[i].start;
	out->cycles = cycles;
	out->latency_us = (double)cycles / m->hw->clock_mhz;
	out->energy_uj = energy_layer_uj(m, run->model, i);
}

static void fill_layers(struct table *t, const struct report_run *run)
{
	const struct mapping *m = run->map;

	for (int i = 0; i < m->n_layers; i++) {
		const struct layer_desc *l = m->layers[i].desc;
		struct dexsim_layer x;
		int r = table_add_row(t);

		if (r < 0)
			return;
		report_layer(run, i, &x);
		table_set(t, r, L_LAYER, "%d", i);
		table_set(t, r, L_NAME, "%s", x.name);
		table_set(t, r, L_OP, "%s", x.op);
		table_set(t, r, L_IN_CHANNELS, "%d", x.in_channels);
		table_set(t, r, L_OUT_CHANNELS, "%d", x.out_channels);
		table_set(t, r, L_IN_H, "%d", x.in_h);
		table_set(t, r, L_IN_W, "%d", x.in_w);
		table_set(t, r, L_OUT_H, "%d", x.out_h);
		table_set(t, r, L_OUT_W, "%d", x.out_w);
		if (l->op == OP_CONV1D)
			table_set(t, r, L_KERNEL, "%d", x.kernel_h);
		else if (op_has_weights(l->op))
			table_set(t, r, L_KERNEL, "%dx%d", x.kernel_h, x.kernel_w);
		else
			table_set(t, r, L_KERNEL, "none");
		table_set(t, r, L_PASSES, "%d", x.passes);
		table_set(t, r, L_IN_PROCS, "%d", x.in_procs);
		table_set(t, r, L_OUT_PROCS, "%d", x.out_procs);
		table_set(t, r, L_PROC_UTIL, "%.1f", x.proc_util_pct);
		table_set(t, r, L_MACS, "%lld", (long long)x.macs);
		table_set(t, r, L_WEIGHT_BYTES, "%lld", (long long)x.weight_bytes);
		table_set(t, r, L_BIAS_BYTES, "%lld", (long long)x.bias_bytes);
		table_set(t, r, L_DATA_BYTES, "%lld", (long long)x.data_bytes);
		table_set(t, r, L_IN_OFFSET, "0x%04lx", x.in_offset);
		table_set(t, r, L_OUT_OFFSET, "0x%04lx", x.out_offset);
		table_set(t, r, L_KERNEL_OFFSET, "%d", x.kernel_offset);
		table_set(t, r, L_KERNEL_WORDS, "%d", x.kernel_words);
		fill_arithmetic(t, r, l);
		table_set(t, r, L_MAC_UTIL, "%.2f", x.mac_util_pct);
		table_set(t, r, L_CYCLES, "%lld", (long long)x.cycles);
		table_set(t, r, L_LATENCY, "%.2f", x.latency_us);
		table_set(t, r, L_ENERGY, "%.3f", x.energy_uj);
	}
}

/* A processor's statistics in six consecutive columns from `first`. */
static void set_processor_stats(struct table *t, int r, int first,
				const struct dexsim_processor_stats *s)
{
	table_set(t, r, first, "%lld", (long long)s->active_cycles);
	table_set(t, r, first + 1, "%lld", (long long)s->macs);
	table_set(t, r, first + 2, "%lld", (long long)s->mem_reads);
	table_set(t, r, first + 3, "%lld", (long long)s->mem_writes);
	table_set(t, r, first + 4, "%lld", (long long)s->tram_writes);
	table_set(t, r, first + 5, "%lld", (long long)s->weight_words);
}

static void fill_processors(struct table *t, const struct model_result *model)
{
	for (int p = 0; p < model->n_processors; p++) {
		int r = table_add_row(t);
		if (r < 0)
			return;
		table_set(t, r, P_ID, "%d", p);
		set_processor_stats(t, r, P_ACTIVE, &model->processors[p]);
	}
}

/* Every processor in every layer, the idle ones too (all zero). */
static void fill_layer_processors(struct table *t, const struct report_run *run)
{
	const struct model_result *model = run->model;

	for (int i = 0; i < model->n_layers; i++)
		for (int p = 0; p < model->n_processors; p++) {
			int r = table_add_row(t);
			if (r < 0)
				return;
			table_set(t, r, LP_LAYER, "%d", i);
			table_set(t, r, LP_NAME, "%s", run->map->layers[i].desc->name);
			table_set(t, r, LP_PROCESSOR, "%d", p);
			set_processor_stats(t, r, LP_STATS,
					    &model->layer_processors[i * model->n_processors + p]);
		}
}

static void fill_layer_instances(struct table *t, const struct report_run *run)
{
	const struct model_result *model = run->model;

	for (int i = 0; i < model->n_layers; i++)
		for (int k = 0; k < model->n_instances; k++) {
			const struct dexsim_memory_stats *s =
				&model->layer_instances[i * model->n_instances + k];
			int r = table_add_row(t);
			if (r < 0)
				return;
			table_set(t, r, LI_LAYER, "%d", i);
			table_set(t, r, LI_NAME, "%s", run->map->layers[i].desc->name);
			table_set(t, r, LI_INSTANCE, "%d", k);
			table_set(t, r, LI_READS, "%lld", (long long)s->reads);
			table_set(t, r, LI_WRITES, "%lld", (long long)s->writes);
		}
}

static void fill_instances(struct table *t, const struct model_result *model)
{
	for (int i = 0; i < model->n_instances; i++) {
		int r = table_add_row(t);
		if (r < 0)
			return;
		table_set(t, r, I_ID, "%d", i);
		table_set(t, r, I_READS, "%lld", (long long)model->instances[i].reads);
		table_set(t, r, I_WRITES, "%lld", (long long)model->instances[i].writes);
	}
}

/* The people's table shows these unless --columns says otherwise; CSV and
 * JSON carry every column. */
static const char narrow_summary[] = "net,config,input,input_channels,size_kb,info_ratio,"
				     "proc_util_pct,cycles,latency_us,load_us,total_us,energy_uj";
static const char narrow_layers[] = "layer,name,op,in_channels,out_channels,out_h,out_w,kernel,"
				    "passes,in_procs,proc_util_pct,macs,cycles,latency_us,energy_uj";

/* The report's tables, empty: the summary, and the per-layer table of its kind. */
static void init_tables(struct table *summary, struct table *detail, enum report_kind kind)
{
	table_init(summary, summary_columns, S_COUNT);
	if (kind == REPORT_PROCESSORS)
		table_init(detail, layer_processor_columns, LP_COUNT);
	else if (kind == REPORT_MEMORIES)
		table_init(detail, layer_instance_columns, LI_COUNT);
	else
		table_init(detail, layer_columns, L_COUNT);
}

/* Chooses the columns written: `columns` for the report's main table (the
 * summary of a summary report, else the per-layer table), and the narrow
 * sets for the people's table. */
static int choose_columns(struct table *summary, struct table *detail, enum report_kind kind,
			  enum table_format format, const char *columns, struct diag *d)
{
	struct table *main_table = kind == REPORT_SUMMARY ? summary : detail;

	if (format == FORMAT_TABLE) {
		if (table_show(summary, narrow_summary, d) ||
		    (kind == REPORT_LAYERS && table_show(detail, narrow_layers, d)))
			return -1;
	}
	return columns ? table_show(main_table, columns, d) : 0;
}

int report_check_columns(enum report_kind kind, enum table_format format, const char *columns,
			 struct diag *d)
{
	struct table summary, detail;
	int rc;

	init_tables(&summary, &detail, kind);
	rc = choose_columns(&summary, &detail, kind, format, columns, d);
	table_free(&summary);
	table_free(&detail);
	return rc;
}

/* One file the run read: its path and the SHA-256 of its contents (null for
 * a pipe, which the run read once). */
static void json_file(FILE *fp, const char *role, const char *path, bool *first)
{
	char hex[65];

	if (!path)
		return;
	fprintf(fp, "%s\n      { \"role\": ", *first ? "" : ",");
	table_json_string(fp, role);
	fputs(", \"path\": ", fp);
	table_json_string(fp, path);
	fputs(", \"sha256\": ", fp);
	if (sha256_file(path, hex) == 0)
		table_json_string(fp, hex);
	else
		fputs("null", fp);
	fputs(" }", fp);
	*first = false;
}

/* How the run was made: enough to tell two reports apart and to run it again. */
static void json_origin(FILE *fp, const struct report_origin *o)
{
	const struct session_spec *spec = o->spec;
	bool first = true;

	fputs("  \"run\": {\n    \"version\": ", fp);
	table_json_string(fp, PACKAGE_VERSION);
	fputs(",\n    \"command_line\": [", fp);
	for (int i = 0; i < o->argc; i++) {
		fputs(i ? ", " : "", fp);
		table_json_string(fp, o->argv[i]);
	}
	fputs("],\n    \"overrides\": [", fp);
	for (int i = 0; i < spec->n_sets; i++) {
		fputs(i ? ", " : "", fp);
		table_json_string(fp, spec->sets[i]);
	}
	/* Every path gives the same sums; which one ran says where the time went. */
	fputs("],\n    \"dot_products\": ", fp);
	if (spec->timing_only)
		fputs("null", fp);
	else
		table_json_string(fp, kern_path());
	fputs(",\n    \"host_dot_products\": [", fp);
	for (int i = 0; kern_paths(i); i++) {
		fputs(i ? ", " : "", fp);
		table_json_string(fp, kern_paths(i));
	}
	fprintf(fp, "],\n    \"seed\": %llu,\n    \"files\": [", spec->seed);
	json_file(fp, "config", spec->config_path, &first);
	json_file(fp, "net", spec->net_path, &first);
	json_file(fp, "checkpoint", spec->checkpoint, &first);
	json_file(fp, "weights", spec->weights, &first);
	json_file(fp, "image", spec->image, &first);
	json_file(fp, "input_tensor", spec->input_tensor, &first);
	fputs("\n    ]\n  },\n", fp);
}

void report_write(FILE *fp, const struct report_run *run, enum report_kind kind,
		  enum table_format format, const char *columns)
{
	struct table summary, processors, instances, detail;
	struct diag ignored; /* the columns were checked with the options */
	/* The per-layer table the report kind asks for, and its JSON name. */
	static const char *const detail_name[] = {
		[REPORT_SUMMARY] = NULL, [REPORT_LAYERS] = "layers",
		[REPORT_PROCESSORS] = "layer_processors", [REPORT_MEMORIES] = "layer_memories",
	};

	init_tables(&summary, &detail, kind);
	table_init(&processors, processor_columns, P_COUNT);
	table_init(&instances, instance_columns, I_COUNT);
	fill_summary(&summary, run);
	if (format == FORMAT_JSON) { /* only JSON carries the whole-run statistics */
		fill_processors(&processors, run->model);
		fill_instances(&instances, run->model);
	}
	if (kind == REPORT_PROCESSORS)
		fill_layer_processors(&detail, run);
	else if (kind == REPORT_MEMORIES)
		fill_layer_instances(&detail, run);
	else if (kind == REPORT_LAYERS)
		fill_layers(&detail, run);
	choose_columns(&summary, &detail, kind, format, columns, &ignored);
	switch (format) {
	case FORMAT_CSV:
		table_write_csv(kind == REPORT_SUMMARY ? &summary : &detail, fp);
		break;
	case FORMAT_TABLE:
		if (kind != REPORT_SUMMARY) {
			table_write_text(&detail, fp);
			fputc('\n', fp);
		}
		table_write_text(&summary, fp);
		break;
	case FORMAT_JSON:
		fputs("{\n", fp);
		if (run->origin)
			json_origin(fp, run->origin);
		fputs("  \"summary\": ", fp);
		table_write_json(&summary, fp, true, 2);
		if (kind != REPORT_SUMMARY) {
			fprintf(fp, ",\n  \"%s\": ", detail_name[kind]);
			table_write_json(&detail, fp, false, 2);
		}
		fputs(",\n  \"processors\": ", fp);
		table_write_json(&processors, fp, false, 2);
		fputs(",\n  \"memories\": ", fp);
		table_write_json(&instances, fp, false, 2);
		fputs("\n}\n", fp);
		break;
	}
	table_free(&summary);
	table_free(&processors);
	table_free(&instances);
	table_free(&detail);
}
