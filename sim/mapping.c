/* mapping.c: shapes, processors and memories of a network on the hardware.
 *
 * Rules follow ai8x-synthesis (izer): passes = ceil(C / processors), channels
 * per pass rounded up to a multiple of the processors per data-memory
 * instance beyond one pass; a layer's processor map must have exactly that
 * many processors; output processors default to the next layer's processors;
 * each layer's kernels take the same word range on all its processors, placed
 * where izer places them (kernelalloc.c); each layer's biases go to the
 * least-used quadrant.
 */
#include "mapping.h"

#include "kernelalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ceil_div(long a, long b)
{
	return (int)((a + b - 1) / b);
}

static int layer_fail(struct diag *d, const struct mapped_layer *ml, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int layer_fail(struct diag *d, const struct mapped_layer *ml, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return diag_fail(d, "layer %d '%s': %s", ml->index, ml->desc->name, what);
}

/* Channels per pass: all channels in one pass, else rounded to whole instances. */
static void passes_for(const struct hw_config *hw, int channels, int *passes, int *per_pass)
{
	*passes = ceil_div(channels, hw->processors);
	*per_pass = ceil_div(channels, *passes);
	if (channels > hw->processors) {
		int q = hw->procs_per_instance;
		*per_pass = (*per_pass + q - 1) / q * q;
		if (*per_pass > hw->processors)
			*per_pass = hw->processors;
	}
}

static int check_mask(const struct hw_config *hw, struct mapped_layer *ml, const char *which,
		      const struct procmask *m, int expect, int channels, int passes, struct diag *d)
{
	if (procmask_last(m) >= hw->processors)
		return layer_fail(d, ml, "%s processor %d does not exist (the %s has %d)", which,
				  procmask_last(m), hw->device, hw->processors);
	if (procmask_count(m) != expect)
		return layer_fail(d, ml,
				  "%d %s channels in %d pass%s need %d processors per pass, "
				  "but the %s map has %d",
				  channels, which, passes, passes == 1 ? "" : "es", expect, which,
				  procmask_count(m));
	return 0;
}

/* Shapes, operands and work of one layer from its inputs. */
static int infer_shape(struct mapping *m, struct mapped_layer *ml, struct diag *d)
{
	const struct layer_desc *l = ml->desc;
	const struct hw_config *hw = m->hw;
	int c = 0, h = 0, w = 0;

	for (int i = 0; i < (l->n_inputs ? l->n_inputs : 1); i++) {
		int src = l->n_inputs ? l->inputs[i] : ml->index - 1;
		int sc, sh, sw;
		if (src == LAYER_INPUT_NETWORK) {
			sc = m->input_channels;
			sh = m->net->in_h;
			sw = m->net->in_w;
		} else {
			sc = m->layers[src].out_channels;
			sh = m->layers[src].out_h;
			sw = m->layers[src].out_w;
		}
		if (i > 0 && (sh != h || sw != w))
			return layer_fail(d, ml, "input %d is %dx%d, the first is %dx%d", i, sh, sw,
					  h, w);
		bool concat = !op_is_eltwise(l->op) && l->eltwise == OP_COUNT;
		if (i > 0 && !concat && sc != c)
			return layer_fail(d, ml, "element-wise operands have %d and %d channels", c,
					  sc);
		c = concat ? c + sc : sc;
		h = sh;
		w = sw;
	}
	ml->operands = (op_is_eltwise(l->op) || l->eltwise != OP_COUNT) ? l->n_inputs : 1;
	ml->in_channels = c;
	ml->in_h = h;
	ml->in_w = w;
	if (ml->operands > hw->max_operands)
		return layer_fail(d, ml, "%d element-wise operands, the %s allows %d", ml->operands,
				  hw->device, hw->max_operands);

	ml->pooled_h = h;
	ml->pooled_w = w;
	if (l->pool != POOL_NONE) {
		if (l->pool_h > hw->max_pool || l->pool_w > hw->max_pool)
			return layer_fail(d, ml, "pooling %dx%d exceeds the %s's %dx%d", l->pool_h,
					  l->pool_w, hw->device, hw->max_pool, hw->max_pool);
		if (l->pool_stride_h > hw->max_pool_stride || l->pool_stride_w > hw->max_pool_stride)
			return layer_fail(d, ml, "pooling stride exceeds the %s's %d", hw->device,
					  hw->max_pool_stride);
		if (l->pool_h > h || l->pool_w > w)
			return layer_fail(d, ml, "pooling %dx%d is larger than the %dx%d input",
					  l->pool_h, l->pool_w, h, w);
		ml->pooled_h = (h - l->pool_h) / l->pool_stride_h + 1;
		ml->pooled_w = (w - l->pool_w) / l->pool_stride_w + 1;
	}

	int ph = ml->pooled_h, pw = ml->pooled_w;
	int groups_in = l->groups > 1 ? 1 : c;
	switch (l->op) {
	case OP_CONV2D:
		ml->out_h = ph + 2 * l->pad - l->kernel_h + 1;
		ml->out_w = pw + 2 * l->pad - l->kernel_w + 1;
		break;
	case OP_CONV1D:
		ml->out_h = ph + 2 * l->pad - l->dilation * (l->kernel_h - 1);
		ml->out_w = pw;
		break;
	case OP_CONVTRANSPOSE2D:
		ml->out_h = 2 * ph + 2 - 2 * l->pad;
		ml->out_w = 2 * pw + 2 - 2 * l->pad;
		break;
	case OP_LINEAR:
		if (ph * pw > 1 && !l->flatten)
			return layer_fail(d, ml,
					  "linear needs 1x1 data or flatten: true (input is %dx%d)",
					  ph, pw);
		groups_in = c * ph * pw;
		ml->out_h = ml->out_w = 1;
		break;
	default:
		ml->out_h = ph;
		ml->out_w = pw;
	}
	if (ml->out_h < 1 || ml->out_w < 1)
		return layer_fail(d, ml, "the output would be %dx%d", ml->out_h, ml->out_w);
	if (op_has_weights(l->op) && l->out_channels == 0)
		return layer_fail(d, ml, "its output channels are not known: give the checkpoint "
				  "(--checkpoint FILE), or out_channels in the description");
	ml->out_channels = op_has_weights(l->op) ? l->out_channels : c;
	if (op_has_weights(l->op)) {
		int kernel = l->kernel_h * (l->op == OP_CONV1D ? 1 : l->kernel_w);
		ml->weights = (int64_t)ml->out_channels * groups_in * kernel;
		ml->macs = ml->weights * ml->out_h * ml->out_w;
		ml->weight_bytes = (ml->weights * l->weight_bits + 7) / 8;
		ml->bias_bytes = l->bias ? ml->out_channels : 0;
	}
	return 0;
}

/* Operations, kernels and limits the hardware description allows. */
static int check_support(const struct mapping *m, struct mapped_layer *ml, struct diag *d)
{
	const struct layer_desc *l = ml->desc;
	const struct hw_config *hw = m->hw;
	bool last = ml->index == m->n_layers - 1;

	if (!(hw->ops & (1u << l->op)))
		return layer_fail(d, ml, "the %s does not support %s", hw->device, op_name(l->op));
	if (l->eltwise != OP_COUNT && !(hw->ops & (1u << l->eltwise)))
		return layer_fail(d, ml, "the %s does not support %s", hw->device,
				  op_name(l->eltwise));
	if (l->op == OP_CONV2D &&
	    (l->kernel_h != l->kernel_w || !(hw->conv2d_kernels & (1u << l->kernel_h))))
		return layer_fail(d, ml, "the %s does not support %dx%d conv2d kernels", hw->device,
				  l->kernel_h, l->kernel_w);
	if (l->op == OP_CONVTRANSPOSE2D &&
	    (l->kernel_h != l->kernel_w || !(hw->convt2d_kernels & (1u << l->kernel_h)) ||
	     l->stride != 2))
		return layer_fail(d, ml, "the %s supports convtranspose2d %dx%d with stride 2 only",
				  hw->device, l->kernel_h, l->kernel_w);
	if (l->op != OP_CONVTRANSPOSE2D && l->stride != 1)
		return layer_fail(d, ml, "stride %d: the %s convolves with stride 1 (pooling "
				  "downsamples)", l->stride, hw->device);
	if (l->op == OP_CONV1D && l->kernel_h > hw->conv1d_kernel_max)
		return layer_fail(d, ml, "conv1d kernel %d exceeds the %s's %d", l->kernel_h,
				  hw->device, hw->conv1d_kernel_max);
	if (l->dilation > 1 && (l->op != OP_CONV1D || !hw->dilation))
		return layer_fail(d, ml, "the %s supports dilation only on conv1d%s", hw->device,
				  hw->dilation ? "" : " (and not on this device)");
	if (l->pad > hw->max_pad)
		return layer_fail(d, ml, "pad %d exceeds the %s's %d", l->pad, hw->device,
				  hw->max_pad);
	if (l->groups > 1) {
		if (!hw->depthwise)
			return layer_fail(d, ml, "the %s has no depthwise convolution (groups)",
					  hw->device);
		if (l->groups != ml->in_channels || ml->out_channels != ml->in_channels)
			return layer_fail(d, ml,
					  "groups %d: only depthwise (groups = input channels = "
					  "output channels = %d) is supported",
					  l->groups, ml->in_channels);
	}
	if (op_has_weights(l->op)) {
		if (l->binary ? !hw->binary_weights : !(hw->weight_bits & (1u << l->weight_bits)))
			return layer_fail(d, ml, "the %s does not support %s%d-bit weights",
					  hw->device, l->binary ? "binary " : "", l->weight_bits);
		int shift = l->output_shift + 8 - l->weight_bits;
		if (shift > hw->max_shift || shift < -hw->max_shift)
			return layer_fail(d, ml,
					  "output shift %d with %d-bit weights scales by 2^%d, "
					  "beyond the %s's +-%d",
					  l->output_shift, l->weight_bits, shift, hw->device,
					  hw->max_shift);
	}
	if (l->output_width == 32 && !last)
		return layer_fail(d, ml, "only the last layer can have a 32-bit output");
	if (ml->in_channels > hw->max_channels || ml->out_channels > hw->max_channels)
		return layer_fail(d, ml, "%d channels exceed the %s's %d",
				  ml->in_channels > ml->out_channels ? ml->in_channels
								     : ml->out_channels,
				  hw->device, hw->max_channels);
	if (ml->in_passes > hw->max_passes || ml->out_passes > hw->max_passes)
		return layer_fail(d, ml, "%d passes exceed the %s's %d",
				  ml->in_passes > ml->out_passes ? ml->in_passes : ml->out_passes,
				  hw->device, hw->max_passes);
	if (ml->in_h > hw->max_rows || ml->in_w > hw->max_columns)
		return layer_fail(d, ml, "a %dx%d input exceeds the %s's %dx%d", ml->in_h, ml->in_w,
				  hw->device, hw->max_rows, hw->max_columns);
	return 0;
}

/* Input and output processors, passes and offsets. */
static int place(struct mapping *m, struct mapped_layer *ml, struct diag *d)
{
	const struct hw_config *hw = m->hw;
	const struct layer_desc *l = ml->desc;
	const struct network_desc *net = m->net;
	int src = l->n_inputs ? l->inputs[0] : ml->index - 1;
	bool first = ml->index == 0;
	bool chw = first && net->chw;
	int half = hwconfig_instance_bytes(hw) / 2;

	passes_for(hw, ml->in_channels, &ml->in_passes, &ml->in_per_pass);
	passes_for(hw, ml->out_channels, &ml->out_passes, &ml->out_per_pass);

	if (l->has_processors)
		ml->in_procs = l->processors;
	else if (src == LAYER_INPUT_NETWORK && chw) {
		memset(&ml->in_procs, 0, sizeof ml->in_procs);
		for (int i = 0; i < ml->in_per_pass && i * hw->procs_per_instance < PROC_MAX; i++)
			procmask_set(&ml->in_procs, i * hw->procs_per_instance);
	} else if (src == LAYER_INPUT_NETWORK)
		ml->in_procs = procmask_range(0, ml->in_per_pass < PROC_MAX ? ml->in_per_pass : PROC_MAX);
	else
		ml->in_procs = m->layers[src].out_procs;

	if (l->has_output_processors)
		ml->out_procs = l->output_processors;
	else if (ml->index + 1 < m->n_layers && net->layers[ml->index + 1].has_processors)
		ml->out_procs = net->layers[ml->index + 1].processors;
	else
		ml->out_procs = procmask_range(0, ml->out_per_pass);

	if (chw) {
		if (ml->in_passes > 1 || ml->in_channels > hw->processors / hw->procs_per_instance)
			return layer_fail(d, ml, "CHW input holds one channel per data-memory "
					  "instance: %d channels, %d instances", ml->in_channels,
					  hwconfig_instances(hw));
		for (int p = 0; p < hw->processors; p += hw->procs_per_instance) {
			int n = 0;
			for (int q = p; q < p + hw->procs_per_instance; q++)
				n += procmask_has(&ml->in_procs, q);
			if (n > 1)
				return layer_fail(d, ml, "CHW input: processors %d..%d share one "
						  "instance; use one of them", p,
						  p + hw->procs_per_instance - 1);
		}
	}
	if (check_mask(hw, ml, "input", &ml->in_procs, ml->in_per_pass, ml->in_channels,
		       ml->in_passes, d) ||
	    check_mask(hw, ml, "output", &ml->out_procs, ml->out_per_pass, ml->out_channels,
		       ml->out_passes, d))
		return -1;

	/* One input is read with the gap it was written with; the operands of an
	 * element-wise step and concatenated inputs each from where they lie. */
	if (l->read_gap >= 0 && l->n_inputs <= 1) {
		int written = src == LAYER_INPUT_NETWORK ? 0 : m->layers[src].desc->write_gap;
		if (l->read_gap != written)
			return layer_fail(d, ml, "read_gap %d, but %s was written with write_gap %d",
					  l->read_gap, src == LAYER_INPUT_NETWORK ? "the network input"
					  : m->layers[src].desc->name, written);
	}
	if (l->in_offset >= 0)
		ml->in_offset = l->in_offset;
	else
		ml->in_offset = src == LAYER_INPUT_NETWORK ? 0 : m->layers[src].out_offset;
	/* Without an offset, a layer writes to the other half of memory from its input. */
	if (l->out_offset >= 0)
		ml->out_offset = l->out_offset;
	else
		ml->out_offset = ml->in_offset < half ? half : 0;
	return 0;
}

/* Where a tensor lies in data memory: the same words in each of its instances. */
struct footprint {
	int first_instance, last_instance;
	long start;   /* byte offset of the first word */
	long stride;  /* bytes from one written word to the next (write_gap) */
	long words;
};

static struct footprint footprint_of(const struct hw_config *hw, const struct procmask *procs,
				     long start, long stride, long words)
{
	return (struct footprint){
		.first_instance = procmask_first(procs) / hw->procs_per_instance,
		.last_instance = procmask_last(procs) / hw->procs_per_instance,
		.start = start,
		.stride = stride,
		.words = words,
	};
}

/* Bytes from the first word to the end of the last, gaps included. */
static long footprint_bytes(const struct footprint *f)
{
	return (f->words - 1) * f->stride + 4;
}

static int footprint_instances(const struct footprint *f)
{
	return f->last_instance - f->first_instance + 1;
}

/* With write_gap, every written word is followed by write_gap skipped words. */
static struct footprint output_footprint(const struct hw_config *hw,
					 const struct mapped_layer *ml)
{
	long words = (long)ml->out_h * ml->out_w * ml->out_passes * (ml->desc->output_width / 8);

	return footprint_of(hw, &ml->out_procs, ml->out_offset, 4L * (ml->desc->write_gap + 1),
			    words);
}

static struct footprint input_footprint(const struct hw_config *hw,
					const struct mapped_layer *first)
{
	return footprint_of(hw, &first->in_procs, first->in_offset, 4, first->in_bytes / 4);
}

/* Data memory: input and output, with offsets, fit in one instance.  A
 * streamed tensor lives in a rolling buffer of a few rows instead (izer skips
 * these checks for streaming layers). */
static int check_data_memory(const struct mapping *m, struct mapped_layer *ml, struct diag *d)
{
	const struct hw_config *hw = m->hw;
	long capacity = hwconfig_instance_bytes(hw);
	bool chw = ml->index == 0 && m->net->chw;
	long in_words = (long)ml->in_h * ml->in_w * ml->in_passes * ml->operands;
	struct footprint out = output_footprint(hw, ml);

	/* CHW packs four pixels of one channel in a word; HWC one pixel of four channels. */
	ml->in_bytes = chw ? 4L * ceil_div(in_words, 4) : 4 * in_words;
	ml->out_bytes = footprint_bytes(&out);
	ml->data_bytes = ml->out_bytes * footprint_instances(&out);
	if (!ml->desc->streaming && ml->in_offset + ml->in_bytes > capacity) {
		int lo = procmask_first(&ml->in_procs) / hw->procs_per_instance;
		int hi = procmask_last(&ml->in_procs) / hw->procs_per_instance;
		char where[64];
		if (lo == hi)
			snprintf(where, sizeof where, "instance %d", lo);
		else
			snprintf(where, sizeof where, "each of instances %d-%d", lo, hi);
		return layer_fail(d, ml,
				  "data memory: the %dx%d input (%d pass%s, %d operand%s) needs "
				  "%ld bytes from offset 0x%04lx in %s, an instance has %ld",
				  ml->in_h, ml->in_w, ml->in_passes, ml->in_passes == 1 ? "" : "es",
				  ml->operands, ml->operands == 1 ? "" : "s", ml->in_bytes,
				  ml->in_offset, where, capacity);
	}
	if (!mapping_streams_output(m, ml->index) && ml->out_offset + ml->out_bytes > capacity)
		return layer_fail(d, ml,
				  "data memory: the %dx%d output (%d pass%s) needs %ld bytes per "
				  "instance from offset 0x%04lx, an instance has %ld",
				  ml->out_h, ml->out_w, ml->out_passes,
				  ml->out_passes == 1 ? "" : "es", ml->out_bytes, ml->out_offset,
				  capacity);
	if (ml->index == 0 && !ml->desc->streaming) {
		long pixels = (long)ml->in_h * ml->in_w;
		long limit = chw ? hw->max_chw_pixels : hw->max_hwc_pixels;
		if (pixels > limit)
			return layer_fail(d, ml,
					  "a %dx%d %s input has %ld pixels per channel, the %s "
					  "allows %ld",
					  ml->in_h, ml->in_w, chw ? "CHW" : "HWC", pixels,
					  hw->device, limit);
	}
	return 0;
}

static bool overlaps(const struct footprint *a, const struct footprint *b)
{
	long a_end = a->start + footprint_bytes(a);
	long b_end = b->start + footprint_bytes(b);

	if (a->last_instance < b->first_instance || b->last_instance < a->first_instance)
		return false;
	if (a_end <= b->start || b_end <= a->start)
		return false;
	/* Interleaved tensors (residual operands written with a gap) share a range. */
	if (a->stride == b->stride && (a->start - b->start) % a->stride != 0)
		return false;
	return true;
}

/* Last layer that reads each layer's output (index n_layers: the network input). */
static void last_uses(const struct mapping *m, int *last)
{
	for (int i = 0; i <= m->n_layers; i++)
		last[i] = -1;
	for (int j = 0; j < m->n_layers; j++) {
		const struct layer_desc *l = m->layers[j].desc;
		for (int k = 0; k < (l->n_inputs ? l->n_inputs : 1); k++) {
			int src = l->n_inputs ? l->inputs[k] : j - 1;
			last[src == LAYER_INPUT_NETWORK ? m->n_layers : src] = j;
		}
	}
}

/* A layer's output must not overwrite a tensor that it or a later layer still
 * reads.  With overlap_data (the vendor's --overlap-data layouts) it may
 * overwrite what only it reads: the engine has read each input row before the
 * output rows that cover it. */
static int check_live_tensors(const struct mapping *m, struct diag *d)
{
	int *last = malloc((size_t)(m->n_layers + 1) * sizeof *last);

	if (!last)
		return diag_fail(d, "out of memory");
	last_uses(m, last);
	for (int j = 0; j < m->n_layers; j++) {
		const struct mapped_layer *ml = &m->layers[j];
		struct footprint out = output_footprint(m->hw, ml);
		if (mapping_streams_output(m, j))
			continue;
		for (int i = -1; i < j; i++) {
			int slot = i < 0 ? m->n_layers : i;
			struct footprint live;
			/* izer does not protect a streaming layer's output either
			 * (unload.py verify_unload): the vendor's facedet writes over it. */
			bool own = last[slot] == j && (m->net->overlap_data ||
						       (i >= 0 && m->layers[i].desc->streaming));
			if (last[slot] < j || own)
				continue;
			if (i < 0 ? m->layers[0].desc->streaming : mapping_streams_output(m, i))
				continue;
			live = i < 0 ? input_footprint(m->hw, &m->layers[0])
				     : output_footprint(m->hw, &m->layers[i]);
			if (!overlaps(&out, &live))
				continue;
			char owner[NAME_LEN + 64];
			int reader = last[slot];
			if (i < 0)
				snprintf(owner, sizeof owner, "the network input");
			else
				snprintf(owner, sizeof owner, "the output of layer %d '%s'", i,
					 m->layers[i].desc->name);
			free(last);
			return layer_fail(d, ml,
					  "data memory: its output at 0x%04lx overwrites %s at "
					  "0x%04lx, which layer %d '%s' still reads%s",
					  out.start, owner, live.start, reader,
					  m->layers[reader].desc->name,
					  reader == j ? " (--overlap-data allows that)" : "");
		}
	}
	free(last);
	return 0;
}

bool mapping_streams_output(const struct mapping *m, int layer)
{
	return m->layers[layer].desc->streaming && layer + 1 < m->n_layers &&
	       m->net->layers[layer + 1].streaming;
}

/* Streaming layers (izer max7800x.py): a run from the first layer on, each
 * reading the one before it; the first takes the input through the FIFOs,
 * which feed the first processors of each quadrant. */
static int check_streaming(const struct mapping *m, struct diag *d)
{
	const struct hw_config *hw = m->hw;
	int per_quadrant = hw->processors / hw->quadrants, n = 0;
	const struct mapped_layer *first = &m->layers[0];

	for (int i = 0; i < m->n_layers; i++) {
		const struct mapped_layer *ml = &m->layers[i];
		const struct layer_desc *l = ml->desc;
		if (!l->streaming)
			continue;
		if (i > 0 && !m->layers[i - 1].desc->streaming)
			return layer_fail(d, ml, "streams, but layer %d before it does not: streaming "
					  "runs from the first layer on", i - 1);
		if (l->n_inputs > 1 || (l->n_inputs == 1 && l->inputs[0] != i - 1))
			return layer_fail(d, ml, "a streaming layer reads the layer before it only");
		if (l->flatten)
			return layer_fail(d, ml, "a streaming layer cannot flatten");
		if (++n > hw->max_stream_layers)
			return layer_fail(d, ml, "%d streaming layers, the %s allows %d", n,
					  hw->device, hw->max_stream_layers);
	}
	if (!first->desc->streaming)
		return 0;
	int limit = m->net->chw ? hw->max_fifo_chw_channels : hw->max_fifo_hwc_channels;
	if (first->in_channels > limit)
		return layer_fail(d, first, "a streamed %s input has %d channels; the FIFOs take %d",
				  m->net->chw ? "CHW" : "HWC", first->in_channels, limit);
	for (int p = 0; p < hw->processors; p++) {
		int lane = p % per_quadrant;
		if (procmask_has(&first->in_procs, p) &&
		    (m->net->chw ? lane != 0 : lane >= hw->procs_per_instance))
			return layer_fail(d, first, "the FIFOs do not reach processor %d: a streamed "
					  "input uses processors %s of each quadrant", p,
					  m->net->chw ? "0" : "0-3");
	}
	return 0;
}

/* Quadrants a layer's biases may go to: its bias_group, else every quadrant
 * the network uses (izer max7800x.py groups_used). */
static int bias_quadrants(const struct mapping *m, const struct mapped_layer *ml, uint64_t used,
			  uint64_t *allowed, struct diag *d)
{
	const struct hw_config *hw = m->hw;

	*allowed = ml->desc->bias_quadrants ? ml->desc->bias_quadrants : used;
	for (int q = 0; q < 32; q++) {
		if (!(ml->desc->bias_quadrants >> q & 1))
			continue;
		if (q >= hw->quadrants)
			return layer_fail(d, ml, "bias_group %d: the %s has quadrants 0-%d", q,
					  hw->device, hw->quadrants - 1);
		if (!(used >> q & 1))
			return layer_fail(d, ml, "bias_group %d: the network uses no processor of "
					  "quadrant %d", q, q);
	}
	return 0;
}

/* izer kbias.py: one byte per output channel, a layer's biases in one quadrant,
 * placed first fit decreasing: layers bound to one quadrant first, then the
 * longest, each in the least-used quadrant it may use. */
static int alloc_bias(struct mapping *m, struct diag *d)
{
	const struct hw_config *hw = m->hw;
	int per_quadrant = hw->processors / hw->quadrants;
	int *order = malloc((size_t)m->n_layers * sizeof *order);
	uint64_t *allowed = malloc((size_t)m->n_layers * sizeof *allowed);
	uint64_t used = 0;
	int n = 0, rc = 0;

	if (!order || !allowed) {
		free(order);
		free(allowed);
		return diag_fail(d, "out of memory");
	}
	for (int i = 0; i < m->n_layers; i++)
		for (int p = 0; p < hw->processors; p++)
			if (procmask_has(&m->layers[i].in_procs, p) ||
			    procmask_has(&m->layers[i].out_procs, p))
				used |= UINT64_C(1) << (p / per_quadrant);
	for (int i = 0; i < m->n_layers && rc == 0; i++) {
		struct mapped_layer *ml = &m->layers[i];
		if (ml->bias_bytes == 0)
			continue;
		ml->bias_quadrant = -1;
		rc = bias_quadrants(m, ml, used, &allowed[i], d);
		order[n++] = i;
	}
	/* A stable insertion sort: equal layers keep their order, as in izer. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			const struct mapped_layer *a = &m->layers[order[j]], *b = &m->layers[order[j - 1]];
			bool a_bound = __builtin_popcountll(allowed[a->index]) == 1;
			bool b_bound = __builtin_popcountll(allowed[b->index]) == 1;
			if (a_bound < b_bound || (a_bound == b_bound && a->bias_bytes <= b->bias_bytes))
				break;
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < n && rc == 0; i++) {
		struct mapped_layer *ml = &m->layers[order[i]];
		int len = (int)ml->bias_bytes +
			  procmask_first(&ml->out_procs) % hw->procs_per_instance * ml->out_passes;
		int best = -1;
		for (int q = 0; q < hw->quadrants; q++)
			if ((allowed[ml->index] >> q & 1) &&
			    (best < 0 || m->bias_bytes_used[q] < m->bias_bytes_used[best]))
				best = q;
		if (m->bias_bytes_used[best] + len > hw->bias_bytes_per_quadrant) {
			rc = layer_fail(d, ml,
					"bias memory needs %d bytes in one quadrant, the emptiest it "
					"may use (quadrant %d) has %d of %d free",
					len, best, hw->bias_bytes_per_quadrant - m->bias_bytes_used[best],
					hw->bias_bytes_per_quadrant);
			break;
		}
		ml->bias_quadrant = best;
		ml->bias_offset = m->bias_bytes_used[best];
		m->bias_bytes_used[best] += len;
	}
	free(order);
	free(allowed);
	return rc;
}

int mapping_build(struct mapping *m, const struct hw_config *hw, const struct network_desc *net,
		  int input_channels, struct diag *d)
{
	int rc = 0;

	memset(m, 0, sizeof *m);
	m->hw = hw;
	m->net = net;
	m->input_channels = input_channels;
	m->n_layers = net->n_layers;
	if (net->in_h < 1 || net->in_w < 1)
		return diag_fail(d, "%s: the input's size is not known: the vendor's format leaves it "
				 "to the input (--input-tensor FILE.npy, or --resolution N for a "
				 "picture)", net->source);
	if (net->n_layers > hw->max_layers)
		return diag_fail(d, "%s: %d layers, the %s runs at most %d", net->source,
				 net->n_layers, hw->device, hw->max_layers);
	m->layers = calloc((size_t)net->n_layers, sizeof *m->layers);
	if (!m->layers)
		return diag_fail(d, "out of memory");
	for (int i = 0; i < net->n_layers && rc == 0; i++) {
		struct mapped_layer *ml = &m->layers[i];
		ml->desc = &net->layers[i];
		ml->index = i;
		rc = infer_shape(m, ml, d);
		if (rc == 0)
			rc = place(m, ml, d);
		if (rc == 0)
			rc = check_support(m, ml, d);
		if (rc == 0)
			rc = check_data_memory(m, ml, d);
		m->macs += ml->macs;
		m->weights += ml->weights;
		m->weight_bytes += ml->weight_bytes;
		m->bias_bytes += ml->bias_bytes;
	}
	if (rc == 0)
		rc = kernelalloc_place(m, d);
	if (rc == 0)
		rc = check_streaming(m, d);
	if (rc == 0)
		rc = check_live_tensors(m, d);
	if (rc == 0)
		rc = alloc_bias(m, d);
	if (rc)
		mapping_free(m);
	return rc;
}

void mapping_free(struct mapping *m)
{
	free(m->layers);
	m->layers = NULL;
}
