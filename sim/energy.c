/* energy.c: the component energy model (see energy.h). */
#include "energy.h"

#include "timing.h"

/* A layer whose input operands include a hidden layer's output without ReLU
 * or Abs (a linear bottleneck, a residual sum): signed values, few zeros, so
 * the multipliers switch more than on rectified data.  (The network's own
 * input is not counted: with it, the calibration rows miss by up to 8 %.) */
static bool signed_input(const struct mapping *m, int i)
{
	const struct layer_desc *l = m->layers[i].desc;
	int n = l->n_inputs ? l->n_inputs : 1;

	for (int k = 0; k < n; k++) {
		int src = l->n_inputs ? l->inputs[k] : i - 1;
		if (src >= 0 &&
		    m->layers[src].desc->activation == ACT_NONE)
			return true;
	}
	return false;
}

/* Kernel words read from weight memory: one per kernel applied (an input
 * channel's kernel to one output channel at one output pixel), sub-byte
 * kernels packed 8 / bits to a word. */
static double weight_reads(const struct mapped_layer *ml)
{
	const struct layer_desc *l = ml->desc;
	int ksize = l->op == OP_LINEAR ? 1 : l->kernel_h * (l->op == OP_CONV1D ? 1 : l->kernel_w);

	return (double)ml->macs / ksize * l->weight_bits / 8.0;
}

double energy_layer_uj(const struct mapping *m, const struct model_result *r, int i)
{
	const struct hw_energy *e = &m->hw->energy;
	const struct mapped_layer *ml = &m->layers[i];
	const struct dexsim_processor_stats *procs = &r->layer_processors[(size_t)i * r->n_processors];
	const struct dexsim_memory_stats *mems = &r->layer_instances[(size_t)i * r->n_instances];
	double cycles = (double)r->layers[i].cycles, processor_cycles = 0, tram = 0;
	double reads = 0, writes = 0, pj;

	for (int p = 0; p < r->n_processors; p++) {
		processor_cycles += (double)procs[p].active_cycles;
		tram += (double)procs[p].tram_writes;
	}
	for (int k = 0; k < r->n_instances; k++) {
		reads += (double)mems[k].reads;
		writes += (double)mems[k].writes;
	}
	pj = 1000 * e->per_cycle_nj * cycles + e->data_read_pj * reads +
	     e->data_write_pj * writes + e->tram_write_pj * tram;
	if (op_has_weights(ml->desc->op)) {
		pj += e->weight_read_pj * weight_reads(ml);
		if (signed_input(m, i))
			pj += e->signed_input_pj * processor_cycles;
	}
	/* Static power (mW = nJ/us) over the layer's time. */
	pj += 1000 * e->static_mw * cycles / m->hw->clock_mhz;
	return pj / 1e6;
}

double energy_inference_uj(const struct mapping *m, const struct model_result *r)
{
	const struct hw_energy *e = &m->hw->energy;
	int64_t layer_cycles = 0;
	double uj = 0;

	for (int i = 0; i < m->n_layers; i++) {
		uj += energy_layer_uj(m, r, i);
		layer_cycles += r->layers[i].cycles;
	}
	/* The cycles outside the layers (start-up) cost what any cycle does. */
	double other = (double)(r->cycles - layer_cycles);
	return uj + (e->per_cycle_nj * other + e->static_mw * other / m->hw->clock_mhz) / 1000;
}

/* Each store keeps the CNN's memories clocked for load.cycles_per_word cycles
 * (at the load clock), each costing what a CNN cycle does; the host's own
 * energy per store comes on top. */
double energy_load_uj(const struct mapping *m)
{
	const struct hw_config *hw = m->hw;
	int64_t input_words, weight_words;

	timing_host_words(hw, m, &input_words, &weight_words);
	return (hw->load_cycles_per_word * hw->energy.per_cycle_nj + hw->energy.host_per_word_nj) *
	       (double)input_words / 1000;
}
