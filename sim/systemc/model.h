/* model.h: the SystemC model of the accelerator, reached from C.
 *
 * model_run() builds the accelerator described by the mapping's hardware
 * description (quadrants of processors with their TRAMs and weight memories,
 * the shared data-memory instances, the bias memories, the controller),
 * writes the input into data memory, and lets the controller run every layer:
 * each layer reads its input from its input processors' instances, computes
 * with the bit-exact kernels, and writes its output to its output processors'
 * instances, while simulated time advances row by row by the costs of
 * timing.h.  A process may run many simulations, one after another, of any
 * networks and hardware descriptions; only its first can be traced.  A VCD trace
 * shows, at the kernel's 1 ps resolution, the layer, the kind of row, and per
 * processor, data-memory instance and bias memory whether it works (probes.h).
 */
#ifndef DEXSIM_MODEL_H
#define DEXSIM_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "dexsim.h"
#include "diag.h"
#include "mapping.h"
#include "tensor.h"
#include "weights.h"

struct model_layer_stats {
	int64_t start;            /* cycle the layer began */
	int64_t cycles;
};

struct model_result {
	int64_t cycles;           /* the whole run, start-up included */
	int n_layers, n_processors, n_instances;
	struct model_layer_stats *layers;
	struct dexsim_processor_stats *processors;  /* the whole run, per processor */
	struct dexsim_memory_stats *instances;      /* the whole run, per instance */
	struct dexsim_processor_stats *layer_processors; /* n_layers x n_processors */
	struct dexsim_memory_stats *layer_instances;     /* n_layers x n_instances */
	struct tensor *outputs;   /* each layer's output read back from data memory;
				     NULL with timing_only */
};

/* vcd: a VCD file to trace the run into (GTKWave), or NULL; it is written
 * under a temporary name and renamed into place when the run succeeds.
 * Returns 0, -1 when the run fails, -2 when only the trace cannot be written. */
int model_run(const struct mapping *m, const struct weight_set *ws, const struct tensor *input,
	      bool timing_only, const char *vcd, struct model_result *r, struct diag *d);
void model_result_free(struct model_result *r);

#ifdef __cplusplus
}
#endif

#endif
