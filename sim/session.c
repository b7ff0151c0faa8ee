/* session.c: one simulation's pipeline (see session.h). */
#include "session.h"

#include <string.h>

int session_open(struct session *s, const struct session_spec *spec, struct diag *d)
{
	memset(s, 0, sizeof *s);
	if (hwconfig_load(&s->hw, spec->config_path, d))
		return -1;
	for (int i = 0; i < spec->n_sets; i++)
		if (hwconfig_set(&s->hw, spec->sets[i], d))
			return -1;
	if (hwconfig_check(&s->hw, d) || input_mode_get(spec->input, &s->hw, &s->mode, d) ||
	    network_load(&s->net, spec->net_path, d) ||
	    (spec->classes && network_set_classes(&s->net, spec->classes, d)) ||
	    mapping_build(&s->map, &s->hw, &s->net, s->mode.channels, d) ||
	    (spec->weights ? weights_load_npz(&s->weights, &s->map, spec->weights, d)
			   : weights_synthetic(&s->weights, &s->map, spec->seed, d)) ||
	    input_mode_synthetic(&s->mode, s->net.in_h, s->net.in_w, spec->seed, &s->input, d)) {
		session_close(s);
		return -1;
	}
	return 0;
}

int session_compute(struct session *s, struct diag *d)
{
	forward_free(&s->result);
	return forward_run(&s->result, &s->map, &s->weights, &s->input, d);
}

int session_simulate(struct session *s, bool timing_only, struct diag *d)
{
	return model_run(&s->map, &s->weights, &s->input, timing_only, &s->model, d);
}

void session_close(struct session *s)
{
	model_result_free(&s->model);
	forward_free(&s->result);
	tensor_free(&s->input);
	weights_free(&s->weights);
	mapping_free(&s->map);
	network_free(&s->net);
}
