/* timing.c: a layer's cost row by row (see timing.h). */
#include "timing.h"

#include <stdbool.h>
#include <string.h>

/* Output-channel slots: from the instance boundary below the first output
 * processor to the last one, once per output pass. */
static int output_slots(const struct hw_config *hw, const struct mapped_layer *ml)
{
	int first = procmask_first(&ml->out_procs);
	int span = procmask_last(&ml->out_procs) - (first - first % hw->procs_per_instance) + 1;

	return span * ml->out_passes;
}

/* A passthrough or element-wise layer writes, per pixel and pass, the words of
 * its busiest quadrant: each quadrant's processors write their output bytes,
 * a data-memory word at a time, and the quadrants work side by side (izer
 * max7800x.py time slots, the count of the MAX78002's output-channel register). */
static int passthrough_words(const struct hw_config *hw, const struct mapped_layer *ml)
{
	int per_quadrant = hw->processors / hw->quadrants, bytes = ml->desc->output_width / 8;
	int busiest = 0;

	for (int q = 0; q < hw->quadrants; q++) {
		int n = 0, words;
		for (int p = q * per_quadrant; p < (q + 1) * per_quadrant; p++)
			n += procmask_has(&ml->in_procs, p);
		words = (n * bytes + hw->procs_per_instance - 1) / hw->procs_per_instance;
		busiest = words > busiest ? words : busiest;
	}
	return busiest;
}

void timing_layer(const struct hw_config *hw, const struct mapped_layer *ml,
		  struct layer_timing *t)
{
	const struct layer_desc *l = ml->desc;
	const struct hw_timing *c = &hw->timing;
	/* A pooling passthrough over several passes takes 2 x passes - 1 of them
	 * (izer REQUIRE_2X_MP_PASSTHROUGH, both chips). */
	bool double_passes = !op_has_weights(l->op) && l->pool != POOL_NONE && ml->out_passes > 1;
	int64_t passes = double_passes ? 2 * ml->in_passes - 1 : ml->in_passes;
	int64_t operands = ml->operands;
	int64_t pool = l->pool == POOL_NONE ? 1 : (int64_t)l->pool_h * l->pool_w;
	/* Pooling each operand first reads them one after another per pixel;
	 * combining first reads all operands of a pooling element together, and
	 * the passes then repeat whole pixels. */
	bool pool_first = l->pool == POOL_NONE || l->pool_first;
	int64_t pad_pixel = pool_first ? passes * operands * (c->read_per_element + c->tram_write)
				       : passes * (c->read_per_element + c->tram_write);
	int64_t data_pixel = pool_first
		? passes * operands * (pool * c->read_per_element + c->tram_write)
		: passes * (operands * pool * c->read_per_element + c->tram_write);
	int64_t repeat = pool_first ? 1 : passes;
	int rows = ml->pooled_h, cols = ml->pooled_w;
	int kernel_rows = l->kernel_h, kernel_cols = l->kernel_w, row_pad = l->pad, col_pad = l->pad;
	int out_cols = ml->out_w;

	memset(t, 0, sizeof *t);
	switch (l->op) {
	case OP_CONV1D:
		kernel_cols = 1;
		col_pad = 0;
		break;
	case OP_CONVTRANSPOSE2D:
		/* The engine walks the input spread to twice its size. */
		rows *= 2;
		cols *= 2;
		break;
	case OP_LINEAR:
		/* A flattened layer streams its pooled image like a 1x1 convolution. */
		kernel_rows = kernel_cols = 1;
		row_pad = col_pad = 0;
		out_cols = cols;
		break;
	default:
		break;
	}
	/* A flattened layer writes one slot per output channel; the hardware's
	 * flatten mode (one set-up cycle) is on when its count register, passes x
	 * pooled pixels - 1 in units of 16, is not zero (izer max7800x.py
	 * flatten_prod, hw_flatten, hw_out_chan). */
	bool flattened = l->op == OP_LINEAR && l->flatten;
	t->slots = l->groups > 1 ? 1 : flattened ? ml->out_channels : output_slots(hw, ml);
	t->fixed = flattened && (int64_t)ml->in_passes * ml->pooled_h * ml->pooled_w - 1 >= 16;

	if (!op_has_weights(l->op)) {
		/* Passthrough and element-wise layers write each pixel as it arrives. */
		int words = passthrough_words(hw, ml);
		if (hw->pipeline)
			t->fixed += c->passthrough_overhead;
		t->rows[ROW_PASS] = rows;
		t->input[ROW_PASS] = cols * (data_pixel + passes * words * c->output_per_slot);
	} else {
		int fill = kernel_rows - 1 - row_pad;
		int64_t pad_cols = 2 * (int64_t)col_pad * (pad_pixel + c->write_state);
		int64_t left = col_pad * (pad_pixel + c->write_state);
		int64_t right = col_pad * pad_pixel;
		int lead = kernel_cols - 1 - col_pad;

		if (fill < 0)
			fill = 0;
		/* Combining several operands or passes before pooling, the MAX78000
		 * reads its kernel memory from the start up to the layer's kernels at
		 * each padded border position (izer latency.py PreRead,
		 * REQUIRE_MP_KERNOFF_MULTIWRITE). */
		if (!pool_first && (passes > 1 || operands > 1))
			t->fixed += ((int64_t)(rows + 2 * row_pad - kernel_cols + 1) * col_pad +
				     (int64_t)(cols + 2 * col_pad - kernel_rows + 1) * row_pad -
				     (int64_t)row_pad * col_pad) *
				    ml->kernel_offset * c->preread_per_kernel_word;
		t->rows[ROW_PAD_TOP] = row_pad;
		t->rows[ROW_FILL] = fill;
		t->rows[ROW_CONV] = rows - fill;
		t->rows[ROW_PAD_BOTTOM] = row_pad;
		t->input[ROW_PAD_TOP] = pad_cols + repeat * cols * (pad_pixel + c->write_state);
		t->input[ROW_FILL] = pad_cols + repeat * cols * (data_pixel + c->write_state);
		/* Past the kernel's first columns, the write state overlaps the output. */
		t->input[ROW_CONV] = left + repeat * lead * (data_pixel + c->write_state) +
				     repeat * (out_cols - col_pad) * data_pixel + right;
		t->input[ROW_PAD_BOTTOM] = left + repeat * lead * (pad_pixel + c->write_state) +
					   repeat * (out_cols - col_pad) * pad_pixel + right;
		t->output_row = passes * out_cols * t->slots * c->output_per_slot;
		/* A pipelined engine (MAX78002) drains its window per output pixel. */
		if (hw->pipeline && kernel_rows > 1)
			t->output_row += passes * out_cols * c->pipeline_per_output;
		/* A single output channel in one pass costs one more slot per row. */
		if (ml->out_channels == 1 && passes == 1)
			t->output_row += t->slots * c->output_per_slot;
	}
	t->cycles = t->fixed;
	for (int k = 0; k < ROW_KINDS; k++)
		t->cycles += t->rows[k] * timing_row(t, (enum row_kind)k);

	t->reads = (int64_t)ml->pooled_h * ml->pooled_w * pool * passes * operands;
	t->tram_writes = (int64_t)ml->pooled_h * ml->pooled_w * passes;
	t->writes = (int64_t)ml->out_h * ml->out_w * ml->out_passes * (l->output_width / 8);
}

double timing_word_us(const struct hw_config *hw, double cnn_mhz)
{
	return hw->host_cycles_per_word / hw->host_clock_mhz + hw->load_cycles_per_word / cnn_mhz;
}

double timing_latency_us(const struct hw_config *hw, int64_t cnn_cycles)
{
	return (double)cnn_cycles / hw->clock_mhz + hw->host_timed_overhead / hw->host_clock_mhz;
}

int64_t timing_row(const struct layer_timing *t, enum row_kind kind)
{
	bool outputs = kind == ROW_CONV || kind == ROW_PAD_BOTTOM;

	return t->input[kind] + (outputs ? t->output_row : 0);
}

void timing_host_words(const struct hw_config *hw, const struct mapping *m, int64_t *input_words,
		       int64_t *weight_words)
{
	const struct mapped_layer *first = &m->layers[0];
	int instances = 0;

	for (int i = 0; i < hwconfig_instances(hw); i++) {
		bool used = false;
		for (int p = i * hw->procs_per_instance; p < (i + 1) * hw->procs_per_instance; p++)
			used = used || procmask_has(&first->in_procs, p);
		instances += used;
	}
	*input_words = (int64_t)instances * (first->in_bytes / 4);
	*weight_words = 0;
	for (int i = 0; i < m->n_layers; i++) {
		const struct mapped_layer *ml = &m->layers[i];
		int64_t bits = (int64_t)ml->kernel_words * hw->weight_word_bits;
		*weight_words += procmask_count(&ml->in_procs) * ((bits + 31) / 32) + ml->bias_bytes;
	}
}
