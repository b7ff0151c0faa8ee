/* forward.h: a whole network's arithmetic, layer after layer.
 *
 * The bit-exact result the accelerator must produce: every layer's output
 * tensor, computed by compute_layer from the network input and the layers
 * it names.  The hardware model reproduces these values.
 */
#ifndef DEXSIM_FORWARD_H
#define DEXSIM_FORWARD_H

#include "diag.h"
#include "mapping.h"
#include "tensor.h"
#include "weights.h"

struct forward {
	int n_layers;
	struct tensor *outputs;  /* one per layer */
};

/* ws has been through weights_prepare. */
int forward_run(struct forward *f, const struct mapping *m, const struct weight_set *ws,
		const struct tensor *input, struct diag *d);
void forward_free(struct forward *f);

#endif
