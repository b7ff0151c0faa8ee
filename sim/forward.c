/* forward.c: a network's arithmetic, layer after layer (see forward.h). */
#include "forward.h"

#include <stdlib.h>

#include "compute.h"

int forward_run(struct forward *f, const struct mapping *m, const struct weight_set *ws,
		const struct tensor *input, struct diag *d)
{
	f->n_layers = m->n_layers;
	f->outputs = calloc((size_t)m->n_layers, sizeof *f->outputs);
	if (!f->outputs)
		return diag_fail(d, "out of memory");
	for (int i = 0; i < m->n_layers; i++) {
		const struct layer_desc *l = m->layers[i].desc;
		const struct tensor *inputs[LAYER_MAX_INPUTS];
		int n = l->n_inputs ? l->n_inputs : 1;

		for (int k = 0; k < n; k++) {
			int src = l->n_inputs ? l->inputs[k] : i - 1;
			inputs[k] = src == LAYER_INPUT_NETWORK ? input : &f->outputs[src];
		}
		if (compute_layer(&m->layers[i], inputs, ws->layers[i].kernels, ws->layers[i].bias,
				  &f->outputs[i], d)) {
			forward_free(f);
			return -1;
		}
	}
	return 0;
}

void forward_free(struct forward *f)
{
	for (int i = 0; f->outputs && i < f->n_layers; i++)
		tensor_free(&f->outputs[i]);
	free(f->outputs);
	f->outputs = NULL;
}
