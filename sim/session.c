/* session.c: one simulation's pipeline (see session.h). */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* session_picture(), made only in the rows given (NULL: all) when synthetic. */
static int make_picture(struct image *square, const struct session_spec *spec, const bool *rows,
			struct diag *d)
{
	struct image picture = { 0 };
	int size = spec->source_size, rc;

	*square = (struct image){ 0 };
	rc = spec->image ? image_load(&picture, spec->image, d)
			 : image_synthetic(&picture, size, spec->seed, rows, d);
	if (rc == 0 && (picture.w != size || picture.h != size)) {
		rc = image_resize(&picture, size, square, d);
		image_free(&picture);
	} else if (rc == 0) {
		*square = picture;
	}
	return rc;
}

int session_picture(struct image *square, const struct session_spec *spec, struct diag *d)
{
	return make_picture(square, spec, NULL, d);
}

/* The S x S picture (the spec's own, or made now) through the mode's builder.
 * A timing-only run reads only the input's shape: it gets no values, though a
 * picture file is still read, so that it fails as the full run would. */
static int build_input(struct session *s, const struct session_spec *spec, struct diag *d)
{
	struct image made = { 0 };
	const struct image *square = spec->picture;
	bool *rows = NULL;
	int rc = 0;

	if (!square && (spec->image || !spec->timing_only)) {
		/* A synthetic picture for this input alone: the rows it reads
		 * (a downsampled one reads one in eleven). */
		rows = spec->image ? NULL : malloc((size_t)spec->source_size * sizeof *rows);
		if (rows)
			input_rows_read(&s->mode, spec->source_size, s->net.in_h, rows);
		rc = make_picture(&made, spec, rows, d);
		square = &made;
	}
	if (rc == 0 && spec->timing_only) {
		s->input = (struct tensor){ s->mode.channels, s->net.in_h, s->net.in_w, 8, NULL };
		s->info_ratio = input_info_ratio(&s->mode, spec->source_size, s->net.in_h,
						 s->net.in_w);
	} else if (rc == 0) {
		rc = input_build(&s->mode, square, s->net.in_h, s->net.in_w, &s->input,
				 &s->info_ratio, d);
	}
	image_free(&made);
	free(rows);
	return rc;
}

/* A ready tensor is the input: it sets the channels and the size. */
static int take_input_tensor(struct session *s, const struct session_spec *spec, struct diag *d)
{
	if (tensorfile_load(&s->input, spec->input_tensor, s->hw.max_channels, d))
		return -1;
	s->mode = (struct input_mode){ "tensor", INPUT_TENSOR, s->input.c };
	s->net.in_h = s->input.h;
	s->net.in_w = s->input.w;
	return 0;
}

/* DEXSIM_KERNELS names the dot-product path to use instead of the best
 * (kernels.h): the tests run each one the host has. */
static int choose_kernels(struct diag *d)
{
	const char *name = getenv("DEXSIM_KERNELS");
	char have[256] = "";

	if (!name || !*name || kern_use(name) == 0)
		return 0;
	for (int i = 0; kern_paths(i); i++)
		snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", i ? ", " : "",
			 kern_paths(i));
	return diag_fail(d, "DEXSIM_KERNELS=%s: this host runs only %s", name, have);
}

int session_open(struct session *s, const struct session_spec *spec, struct diag *d)
{
	memset(s, 0, sizeof *s);
	if (choose_kernels(d))
		return -1;
	if (spec->hw)
		s->hw = *spec->hw;
	else if (hwconfig_load(&s->hw, spec->config_path, d))
		return -1;
	for (int i = 0; i < spec->n_sets; i++)
		if (hwconfig_set(&s->hw, spec->sets[i], d))
			return -1;
	if (hwconfig_check(&s->hw, d))
		return -1;
	if (spec->net ? network_copy(&s->net, spec->net, d) : network_load(&s->net, spec->net_path, d))
		goto fail;
	if (spec->checkpoint && (checkpoint_load(&s->checkpoint, spec->checkpoint, d) ||
				 ckptnet_describe(&s->net, &s->checkpoint, &s->hw, d)))
		goto fail;
	if (spec->classes && network_set_classes(&s->net, spec->classes, d))
		goto fail;
	if (spec->input_tensor ? take_input_tensor(s, spec, d)
			       : input_mode_get(spec->input, spec->dex_channels, &s->hw, &s->mode, d))
		goto fail;
	if (spec->resolution)
		s->net.in_h = s->net.in_w = spec->resolution;
	s->net.overlap_data = spec->overlap_data;
	if (mapping_build(&s->map, &s->hw, &s->net, s->mode.channels, d) ||
	    (spec->checkpoint ? ckptnet_weights(&s->weights, &s->map, &s->checkpoint, d)
	     : spec->weights  ? weights_load_npz(&s->weights, &s->map, spec->weights, d)
	     : spec->timing_only ? 0
			      : weights_synthetic(&s->weights, &s->map, spec->seed, d)) ||
	    (!spec->timing_only && weights_prepare(&s->weights, &s->map, d)) ||
	    (!spec->input_tensor && build_input(s, spec, d)))
		goto fail;
	/* Everything the run needs of the checkpoint is in the description and weights. */
	checkpoint_free(&s->checkpoint);
	return 0;
fail:
	session_close(s);
	return -1;
}

int session_compute(struct session *s, struct diag *d)
{
	forward_free(&s->result);
	return forward_run(&s->result, &s->map, &s->weights, &s->input, d);
}

int session_simulate(struct session *s, bool timing_only, const char *vcd, struct diag *d)
{
	return model_run(&s->map, &s->weights, &s->input, timing_only, vcd, &s->model, d);
}

void session_close(struct session *s)
{
	model_result_free(&s->model);
	forward_free(&s->result);
	tensor_free(&s->input);
	weights_free(&s->weights);
	mapping_free(&s->map);
	network_free(&s->net);
	checkpoint_free(&s->checkpoint);
}
