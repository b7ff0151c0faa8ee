/* timeline.c: a run in the Chrome trace-event format (see timeline.h). */
#include "timeline.h"

#include <stdbool.h>

#include "timing.h"

/* Process ids of the track groups. */
enum { PID_LAYERS = 1, PID_QUADRANTS = 2, PID_MEMORIES = 3 };
/* Threads of the layers group. */
enum { TID_LAYER = 0, TID_ROWS = 1 };

static const char *const row_names[ROW_KINDS] = {
	[ROW_PAD_TOP] = "pad rows above",
	[ROW_FILL] = "filling the window",
	[ROW_CONV] = "convolving",
	[ROW_PAD_BOTTOM] = "pad rows below",
	[ROW_PASS] = "passing through",
};

struct writer {
	FILE *fp;
	double mhz;   /* cycles per microsecond */
	bool first;   /* no event written yet */
};

/* Starts one complete event; the caller may add "args" before closing it. */
static void event(struct writer *w, const char *name, int pid, int tid, int64_t start,
		  int64_t cycles)
{
	fprintf(w->fp, "%s\n    {\"name\": \"%s\", \"ph\": \"X\", \"pid\": %d, \"tid\": %d, "
		"\"ts\": %.6f, \"dur\": %.6f", w->first ? "" : ",", name, pid, tid,
		(double)start / w->mhz, (double)cycles / w->mhz);
	w->first = false;
}

static void track_name(struct writer *w, int pid, int tid, const char *kind, const char *fmt,
		       int n)
{
	char name[64];

	snprintf(name, sizeof name, fmt, n);
	fprintf(w->fp, "%s\n    {\"name\": \"%s\", \"ph\": \"M\", \"pid\": %d, \"tid\": %d, "
		"\"args\": {\"name\": \"%s\"}}", w->first ? "" : ",", kind, pid, tid, name);
	w->first = false;
}

static void names(struct writer *w, const struct mapping *m, const struct model_result *r)
{
	track_name(w, PID_LAYERS, TID_LAYER, "process_name", "layers", 0);
	track_name(w, PID_LAYERS, TID_LAYER, "thread_name", "layer", 0);
	track_name(w, PID_LAYERS, TID_ROWS, "thread_name", "rows", 0);
	track_name(w, PID_QUADRANTS, 0, "process_name", "processors", 0);
	for (int q = 0; q < m->hw->quadrants; q++)
		track_name(w, PID_QUADRANTS, q, "thread_name", "quadrant %d", q);
	track_name(w, PID_MEMORIES, 0, "process_name", "data memory", 0);
	for (int i = 0; i < r->n_instances; i++)
		track_name(w, PID_MEMORIES, i, "thread_name", "instance %d", i);
}

/* The layer, then its row kinds one after another; whatever the rows leave of
 * the layer's cycles is set-up, or waiting for the FIFOs. */
static void layer_events(struct writer *w, const struct mapped_layer *ml, const struct hw_config *hw,
			 const struct model_layer_stats *s)
{
	struct layer_timing t;
	int64_t at = s->start;

	event(w, ml->desc->name, PID_LAYERS, TID_LAYER, s->start, s->cycles);
	fprintf(w->fp, ", \"args\": {\"layer\": %d, \"op\": \"%s\", \"in\": \"%dx%dx%d\", "
		"\"out\": \"%dx%dx%d\", \"passes\": %d, \"cycles\": %lld}}", ml->index,
		op_name(ml->desc->op), ml->in_channels, ml->in_h, ml->in_w, ml->out_channels,
		ml->out_h, ml->out_w, ml->in_passes, (long long)s->cycles);
	timing_layer(hw, ml, &t);
	if (t.fixed) {
		event(w, "set-up", PID_LAYERS, TID_ROWS, at, t.fixed);
		fputc('}', w->fp);
		at += t.fixed;
	}
	for (int k = 0; k < ROW_KINDS; k++) {
		int64_t cycles = t.rows[k] * timing_row(&t, (enum row_kind)k);
		if (!cycles)
			continue;
		event(w, row_names[k], PID_LAYERS, TID_ROWS, at, cycles);
		fprintf(w->fp, ", \"args\": {\"rows\": %d}}", t.rows[k]);
		at += cycles;
	}
	if (at < s->start + s->cycles) {
		event(w, "waiting for the FIFOs", PID_LAYERS, TID_ROWS, at, s->start + s->cycles - at);
		fputc('}', w->fp);
	}
}

static void quadrant_events(struct writer *w, const struct mapping *m, const struct model_result *r,
			    int layer)
{
	int per_quadrant = m->hw->processors / m->hw->quadrants;
	const struct model_layer_stats *s = &r->layers[layer];

	for (int q = 0; q < m->hw->quadrants; q++) {
		int active = 0;
		for (int p = q * per_quadrant; p < (q + 1) * per_quadrant; p++)
			active += r->layer_processors[layer * r->n_processors + p].active_cycles > 0;
		if (!active)
			continue;
		event(w, m->layers[layer].desc->name, PID_QUADRANTS, q, s->start, s->cycles);
		fprintf(w->fp, ", \"args\": {\"active processors\": %d}}", active);
	}
}

static void memory_events(struct writer *w, const struct mapping *m, const struct model_result *r,
			  int layer)
{
	const struct model_layer_stats *s = &r->layers[layer];

	for (int i = 0; i < r->n_instances; i++) {
		const struct dexsim_memory_stats *mem = &r->layer_instances[layer * r->n_instances + i];
		if (!mem->reads && !mem->writes)
			continue;
		event(w, m->layers[layer].desc->name, PID_MEMORIES, i, s->start, s->cycles);
		fprintf(w->fp, ", \"args\": {\"reads\": %lld, \"writes\": %lld}}",
			(long long)mem->reads, (long long)mem->writes);
	}
}

void timeline_write(FILE *fp, const struct mapping *m, const struct model_result *r)
{
	struct writer w = { fp, m->hw->clock_mhz, true };

	fputs("{\"displayTimeUnit\": \"ns\", \"traceEvents\": [", fp);
	names(&w, m, r);
	for (int i = 0; i < m->n_layers; i++) {
		layer_events(&w, &m->layers[i], m->hw, &r->layers[i]);
		quadrant_events(&w, m, r, i);
		memory_events(&w, m, r, i);
	}
	fputs("\n]}\n", fp);
}
