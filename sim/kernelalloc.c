/* kernelalloc.c: kernel placement as ai8x-synthesis chooses it (see kernelalloc.h).
 *
 * izer/kernels.py load() places the layers whose processor map is every
 * processor first, then the others, each group in network order (izer #352:
 * fewer holes in the kernel map).  Each layer takes the first offset, in steps
 * of the processors per data-memory instance, with its kern_len words free on
 * all its input processors (search_kernel_mem()); a layer that uses only
 * processors with the larger memories (the MAX78002's 0, 16, 32 and 48) is
 * first tried at the top of memory, searching down.
 *
 * What is free depends on the words load() actually writes: unused output
 * processors leave holes, the first output processor's position in its
 * instance shifts the kernels, and padding may spill past kern_len.  So this
 * file replays load()'s layout loop, counting the bytes each word receives
 * (its kernels_used), without the weight values.
 */
#include "kernelalloc.h"

#include <stdlib.h>
#include <string.h>

/* Bytes written to each word of each processor's weight memory. */
struct kmem {
	const struct hw_config *hw;
	int width;      /* words per processor row: the largest memory */
	int word_bytes; /* bytes per 72-bit word */
	int words[PROC_MAX]; /* each processor's memory, looked up for every byte placed */
	unsigned char *bytes;
};

/* Output slots m, m + step, ... after the given unused output processors. */
struct slot_run {
	int holes, m, slots;
};

/* A layer's kernels as load() sees them (its names in comments). */
struct klayer {
	const struct mapped_layer *ml;
	int bits;       /* abs(quantization) */
	int q;          /* qfactor: weights per byte */
	int ksize;      /* weights per kernel */
	int in_exp;     /* in_exp: 1 for a flattened layer */
	int start_col;  /* first output processor's position in its instance */
	int first_out, last_out;
	bool flatten, depthwise;
	long kernels;   /* len(kernel_reshaped) */
	long flat;      /* flattened: weights per row, kernel_reshaped.shape[1] */
	int len;        /* kern_len */
	struct slot_run *runs; /* the output slots, in load()'s order */
	int n_runs;
};

static int width_of(const struct kmem *km, int p)
{
	return km->words[p];
}

static bool taken(const struct kmem *km, int p, int w)
{
	return km->bytes[(size_t)p * (size_t)km->width + (size_t)w] > 0;
}

static int no_room(const struct kmem *km, const struct mapped_layer *ml, int p, int need,
		   struct diag *d)
{
	return diag_fail(d, "layer %d '%s': weight memory of processor %d needs %d words, has %d",
			 ml->index, ml->desc->name, p, need, width_of(km, p));
}

/* izer's kern_count and kern_len before layout: kernels per processor, and the
 * words they take, sub-byte kernels packed with padding for a partial byte. */
static void describe(const struct hw_config *hw, const struct mapped_layer *ml, struct klayer *k)
{
	const struct layer_desc *l = ml->desc;
	int ppi = hw->procs_per_instance;
	int first = procmask_first(&ml->out_procs);
	long kc;

	k->ml = ml;
	k->bits = l->weight_bits;
	k->q = 8 / l->weight_bits;
	k->flatten = l->op == OP_LINEAR && l->flatten;
	k->depthwise = l->groups > 1;
	k->ksize = l->op == OP_LINEAR ? 1 : l->kernel_h * (l->op == OP_CONV1D ? 1 : l->kernel_w);
	k->in_exp = k->flatten ? 1 : ml->in_passes;
	k->first_out = first;
	k->last_out = procmask_last(&ml->out_procs);
	k->start_col = first % ppi;
	/* Several output passes fill whole instances: count from the instance start. */
	if (ml->out_passes > 1)
		first -= k->start_col;
	/* izer reshapes a flattened layer's weights to (outputs x processors) rows of
	 * passes x pixels; a convolution's to one row per kernel. */
	k->flat = (long)ml->in_passes * ml->pooled_h * ml->pooled_w;
	if (k->flatten)
		k->kernels = (long)ml->out_channels * ml->in_per_pass;
	else
		k->kernels = (long)ml->out_channels * (k->depthwise ? 1 : ml->in_channels);
	if (k->depthwise)
		kc = k->in_exp;
	else
		kc = (long)(k->last_out - first + 1) * ml->out_passes * k->in_exp;
	if (k->flatten)
		kc = kc * k->flat -
		     ((long)ml->out_passes * procmask_count(&ml->out_procs) - ml->out_channels) *
			     k->flat;
	long res = kc % k->q * k->ksize * (k->q - 1);
	k->len = (int)((kc * k->ksize * k->bits + res + hw->weight_word_bits - 1) /
		       hw->weight_word_bits);
}

/* izer kernel_mem_mask(): the instance size less one around word w. */
static int instance_mask(const struct hw_config *hw, int w)
{
	return (w + 1 >= hw->weight_words ? hw->weight_large_instance_words
					   : hw->weight_instance_words) - 1;
}

/* Depthwise kernels on a device that needs them in one instance (izer
 * REQUIRE_WEIGHT_MASK): a range from offs + 1 that crosses an instance moves
 * to end at the next one's start less one, as izer does (the offset is then
 * rounded up to the step); -1 if even that crosses. */
static int within_instance(const struct hw_config *hw, const struct klayer *k, int offs)
{
	int mask;

	if (!hw->depthwise_one_instance || !k->depthwise)
		return offs;
	mask = instance_mask(hw, offs + 1);
	if (((offs + 1) & ~mask) != ((offs + k->len) & ~mask))
		offs = ((offs + mask) & ~mask) - 1;
	mask = instance_mask(hw, offs + 1);
	return ((offs + 1) & ~mask) == ((offs + k->len) & ~mask) ? offs : -1;
}

/* izer search_kernel_mem() upwards: from offs on, the first offset where
 * k->len words are free on all the layer's processors.  Returns -1 with the
 * processor that ran out of memory in *full and the words it needed in *need,
 * -2 if the kernels must lie in one instance and are more than one holds. */
static int search_up(const struct kmem *km, const struct klayer *k, int offs, int *full,
		     int *need)
{
	const struct procmask *procs = &k->ml->in_procs;
	int step = km->hw->procs_per_instance;
	int first = procmask_first(procs), last = procmask_last(procs);

	while (taken(km, first, offs)) {
		offs += step;
		if (offs + k->len > width_of(km, first)) {
			*full = first;
			*need = offs + k->len;
			return -1;
		}
	}
	for (int p = first; p <= last; p++) {
		if (!procmask_has(procs, p))
			continue;
		int moved = within_instance(km->hw, k, offs);
		if (moved < 0)
			return -2;
		if (moved + k->len > width_of(km, p)) {
			*full = p;
			*need = offs + k->len;
			return -1;
		}
		offs = moved;
		for (int i = offs; i < offs + k->len; i++) {
			if (!taken(km, p, i))
				continue;
			/* Past the taken word, to the next step; start over. */
			offs = (i + step) / step * step;
			p = first - 1;
			break;
		}
	}
	return offs;
}

/* izer search_kernel_mem() downwards from the top word top: the highest range
 * free on all the layer's processors, or -1.  (izer lets Python's negative
 * indices wrap around when memory runs out below; here that is not found.) */
static int search_down(const struct kmem *km, const struct klayer *k, int top)
{
	const struct procmask *procs = &k->ml->in_procs;
	int step = km->hw->procs_per_instance;
	int first = procmask_first(procs), last = procmask_last(procs);

	while (taken(km, first, top)) {
		top -= step;
		if (top < 0)
			return -1;
	}
	for (int p = first; p <= last; p++) {
		if (!procmask_has(procs, p))
			continue;
		if (km->hw->depthwise_one_instance && k->depthwise) {
			int mask = instance_mask(km->hw, top - 1);
			if (((top - 1) & ~mask) != ((top - k->len) & ~mask))
				top &= ~mask;
		}
		if (top - k->len + 1 < 0)
			return -1;
		for (int i = top; i > top - k->len; i--) {
			if (!taken(km, p, i))
				continue;
			if (i == 0)
				return -1;
			top = (i - 1) / step * step;
			p = first - 1;
			break;
		}
	}
	return top;
}

/* izer's extended_masks: every processor of the layer has the larger memory. */
static bool large_only(const struct hw_config *hw, const struct procmask *procs)
{
	if (hw->weight_large_words <= hw->weight_words)
		return false;
	for (int p = procmask_first(procs); p <= procmask_last(procs); p++)
		if (procmask_has(procs, p) && hwconfig_weight_words(hw, p) == hw->weight_words)
			return false;
	return true;
}

/* load()'s writing position on one processor: kern_offs + col_target. */
struct cursor {
	struct kmem *km;
	const struct mapped_layer *ml;
	int p, offs, col;
};

/* izer add_kernel_data(), n times: a byte into the current word; a full word
 * moves on to the next.  Bytes are counted a word at a time, as they would fill it. */
static int put(struct cursor *c, long n, struct diag *d)
{
	struct kmem *km = c->km;

	while (n > 0) {
		int w = c->offs + c->col;
		if (w >= width_of(km, c->p))
			return no_room(km, c->ml, c->p, w + 1, d);
		unsigned char *b = &km->bytes[(size_t)c->p * (size_t)km->width + (size_t)w];
		if (*b == km->word_bytes)
			return diag_fail(d, "layer %d '%s': kernel word %d of processor %d is "
					 "already full (ai8x-synthesis stops there too)",
					 c->ml->index, c->ml->desc->name, w, c->p);
		long room = km->word_bytes - *b, filled = n < room ? n : room;
		*b = (unsigned char)(*b + filled);
		n -= filled;
		if (*b == km->word_bytes)
			c->col++;
		/* Then as many whole words as are empty, in one step. */
		long whole = n / km->word_bytes, most = width_of(km, c->p) - (c->offs + c->col), k;
		b = &km->bytes[(size_t)c->p * (size_t)km->width + (size_t)(c->offs + c->col)];
		for (k = 0; k < whole && k < most && b[k] == 0; k++)
			;
		memset(b, km->word_bytes, (size_t)k);
		c->col += (int)k;
		n -= k * km->word_bytes;
	}
	return 0;
}

/* Any of the q output processors from processor r on. */
static bool any_out(const struct klayer *k, int r)
{
	for (int i = r; i < r + k->q && i < PROC_MAX; i++)
		if (procmask_has(&k->ml->out_procs, i))
			return true;
	return false;
}

/* Bytes of one flattened row group: q outputs' rows of k->flat weights each. */
static long flat_bytes(const struct klayer *k, long src, int m, int in_chan)
{
	long weights = 0;

	for (int i = 0; i < k->q && m < k->ml->out_channels; i++)
		if (src + (long)i * in_chan < k->kernels)
			weights += k->flat;
	return (weights + k->q - 1) / k->q;
}

/* The bytes load() writes for one output slot of an input processor, its input
 * index ch: a kernel per input pass that has channel ch, a zero kernel for each
 * that has not. */
static long slot_bytes(const struct klayer *k, int ch, int m)
{
	const struct mapped_layer *ml = k->ml;
	int in_chan = k->flatten ? ml->in_per_pass : ml->in_channels;
	int in_ch = k->flatten ? in_chan * k->q : in_chan;
	long src = ch + (long)m * in_ch;
	long zero = k->ksize / k->q;
	int with = 0; /* passes ie with ie * in_per_pass + ch < in_ch */

	if (src < k->kernels && ch < in_ch)
		with = (in_ch - ch - 1) / ml->in_per_pass + 1;
	if (with > k->in_exp)
		with = k->in_exp;
	if (with == 0)
		return k->in_exp * zero;
	return with * (k->flatten ? flat_bytes(k, src, m, in_chan) : k->ksize) +
	       (k->in_exp - with) * zero;
}

/* The bytes of a run of slots m, m + step, ...: a convolution's slots hold the
 * same bytes up to the last output channel with kernels, zeros after it. */
static long run_bytes(const struct klayer *k, const struct slot_run *run, int ch, int step)
{
	long bytes = 0;

	if (k->flatten) {
		for (int i = 0; i < run->slots; i++)
			bytes += slot_bytes(k, ch, run->m + i * step);
		return bytes;
	}
	int in_ch = k->ml->in_channels;
	/* The first slot past the kernels, and the run's slots before it. */
	long past = k->kernels > ch ? (k->kernels - ch + in_ch - 1) / in_ch : 0;
	long with = past > run->m ? (past - run->m + step - 1) / step : 0;
	if (with > run->slots)
		with = run->slots;
	if (with > 0)
		bytes += with * slot_bytes(k, ch, run->m);
	if (with < run->slots)
		bytes += (run->slots - with) * slot_bytes(k, ch, run->m + (int)with * step);
	return bytes;
}

/* load()'s loop over the output slots, the same for every input processor: for
 * each output pass, a slot per output processor from the first used one on (q
 * per slot when sub-byte), unused output processors skipped as holes.  The
 * slots between holes are one run. */
static int find_runs(struct klayer *k, struct diag *d)
{
	const struct mapped_layer *ml = k->ml;
	int step = k->flatten ? 1 : k->q;
	int passes = k->depthwise ? 1 : ml->out_passes;
	int slots = k->depthwise ? 1 : ml->out_per_pass;
	int m = 0;

	k->n_runs = 0;
	k->runs = malloc((size_t)passes * (size_t)(slots / step + 1) * sizeof *k->runs);
	if (!k->runs)
		return diag_fail(d, "out of memory");
	for (int expand = 0; expand < passes; expand++) {
		int r = k->first_out;
		for (int s = 0; s < slots; s += step, m += step) {
			int holes = 0;
			if (r <= k->last_out)
				for (; !any_out(k, r); r += k->q)
					holes++;
			r += k->q;
			if (holes || k->n_runs == 0)
				k->runs[k->n_runs++] = (struct slot_run){ holes, m, 0 };
			k->runs[k->n_runs - 1].slots++;
		}
	}
	return 0;
}

/* One input processor's kernels: the runs of slots, then the rest of kern_len
 * in zeros.  A flattened layer's kern_len becomes where its kernels end. */
static int lay_out(struct kmem *km, struct klayer *k, int offs, int p, int ch, struct diag *d)
{
	int step = k->flatten ? 1 : k->q;
	long skip = (long)k->start_col * k->ksize * k->in_exp;
	struct cursor c = { km, k->ml, p, offs, (int)(skip / km->word_bytes) };

	if (put(&c, skip % km->word_bytes / k->q, d))
		return -1;
	for (int i = 0; i < k->n_runs; i++) {
		const struct slot_run *run = &k->runs[i];
		c.col += run->holes;
		if (put(&c, run_bytes(k, run, ch, step), d))
			return -1;
	}
	if (offs + c.col < width_of(km, p) && taken(km, p, offs + c.col))
		c.col++; /* a partial word stays partial */
	while (c.col - k->start_col < k->len)
		if (put(&c, 1, d))
			return -1;
	if (k->flatten)
		k->len = c.col;
	return 0;
}

/* One layer: find its offset, then write its kernels on each input processor. */
static int place_layer(struct kmem *km, struct mapped_layer *ml, struct diag *d)
{
	const struct hw_config *hw = km->hw;
	int step = hw->procs_per_instance;
	struct klayer k;
	int offs = -1, full = 0, need = 0, rc;

	describe(hw, ml, &k);
	ml->kernel_words = k.len;
	if (large_only(hw, &ml->in_procs) &&
	    (!hw->depthwise_one_instance || !k.depthwise ||
	     k.len <= hw->weight_large_instance_words)) {
		int top = search_down(km, &k, hw->weight_large_words - 1);
		if (top >= 0)
			offs = (top - (k.len - 1)) / step * step;
	}
	if (offs < 0) {
		offs = search_up(km, &k, 0, &full, &need);
		if (offs == -2)
			return diag_fail(d, "layer %d '%s': its %d words of depthwise kernels must "
					 "lie in one weight-memory instance, which holds fewer",
					 ml->index, ml->desc->name, k.len);
		if (offs < 0)
			return no_room(km, ml, full, need, d);
		offs = (offs + step - 1) / step * step;
	}
	ml->kernel_offset = offs;
	rc = find_runs(&k, d);
	for (int p = procmask_first(&ml->in_procs), ch = 0;
	     rc == 0 && p <= procmask_last(&ml->in_procs); p++)
		if (procmask_has(&ml->in_procs, p))
			rc = lay_out(km, &k, offs, p, ch++, d);
	free(k.runs);
	return rc;
}

int kernelalloc_place(struct mapping *m, struct diag *d)
{
	const struct hw_config *hw = m->hw;
	struct kmem km = {
		.hw = hw,
		.width = hw->weight_large_words,
		.word_bytes = hw->weight_word_bits / 8,
	};
	int rc = 0;

	for (int p = 0; p < hw->processors; p++)
		km.words[p] = hwconfig_weight_words(hw, p);
	km.bytes = calloc((size_t)hw->processors * (size_t)km.width, 1);
	if (!km.bytes)
		return diag_fail(d, "out of memory");
	/* Layers on every processor first, then the rest (izer #352). */
	for (int round = 0; round < 2 && rc == 0; round++)
		for (int i = 0; i < m->n_layers && rc == 0; i++) {
			struct mapped_layer *ml = &m->layers[i];
			bool all = procmask_count(&ml->in_procs) == hw->processors;
			if (all != (round == 0) || !op_has_weights(ml->desc->op))
				continue;
			rc = place_layer(&km, ml, d);
			if (ml->kernel_offset + ml->kernel_words > m->kernel_words_used)
				m->kernel_words_used = ml->kernel_offset + ml->kernel_words;
		}
	free(km.bytes);
	return rc;
}
