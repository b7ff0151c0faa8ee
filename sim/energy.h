/* energy.h: the energy of a run, from its statistics.
 *
 * A component model whose constants live in the hardware description
 * (`energy.*`, configs/README.md): a cost per cycle of the CNN clock, a cost
 * per active processor-cycle of a layer with weights (its kernel-word read
 * and multiplier array, scaled by the weight width), an extra cost per
 * processor-cycle on signed, dense input (a layer fed by one without ReLU),
 * per data-memory read and write and per TRAM write, and static power over
 * the inference.  The host's loading is charged per 32-bit word stored: the
 * CNN cycles each store takes, and the host's own energy.
 */
#ifndef DEXSIM_ENERGY_H
#define DEXSIM_ENERGY_H

#include "mapping.h"
#include "systemc/model.h"

/* Layer i's energy in microjoules (its share of the static power included). */
double energy_layer_uj(const struct mapping *m, const struct model_result *r, int i);
/* One inference: every layer, start-up and the static power over the latency. */
double energy_inference_uj(const struct mapping *m, const struct model_result *r);
/* The host writing the input, once per inference. */
double energy_load_uj(const struct mapping *m);

#endif
