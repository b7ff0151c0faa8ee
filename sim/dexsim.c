/* dexsim.c: the library's entry points (see dexsim.h), over the session the
 * command line runs. */
#include "dexsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "options.h"
#include "report.h"
#include "session.h"

struct dexsim_hardware {
	struct hw_config hw;
	char path[4096];
};

struct dexsim_network {
	struct network_desc net;
	char path[4096];
};

static void set_error(struct dexsim_error *e, const struct diag *d)
{
	if (e)
		snprintf(e->message, sizeof e->message, "%s", d->msg);
}

struct dexsim_hardware *dexsim_hardware_open(const char *config, struct dexsim_error *e)
{
	struct dexsim_hardware *hw = calloc(1, sizeof *hw);
	struct diag d;

	if (!hw)
		diag_fail(&d, "out of memory");
	else if (datapath_find(config, "configs", hw->path, sizeof hw->path))
		options_not_found("--config", config, "configs", &d);
	else if (hwconfig_load(&hw->hw, hw->path, &d) == 0)
		return hw;
	set_error(e, &d);
	free(hw);
	return NULL;
}

void dexsim_hardware_close(struct dexsim_hardware *hw)
{
	free(hw);
}

struct dexsim_network *dexsim_network_open(const char *net, struct dexsim_error *e)
{
	struct dexsim_network *n = calloc(1, sizeof *n);
	struct diag d;

	if (!n)
		diag_fail(&d, "out of memory");
	else if (datapath_find(net, "models", n->path, sizeof n->path))
		options_not_found("--net", net, "models", &d);
	else if (network_load(&n->net, n->path, &d) == 0)
		return n;
	set_error(e, &d);
	free(n);
	return NULL;
}

void dexsim_network_close(struct dexsim_network *net)
{
	if (net)
		network_free(&net->net);
	free(net);
}

void dexsim_point_init(struct dexsim_point *p)
{
	*p = (struct dexsim_point){ .input = "downsample", .source_size = 350, .seed = 1 };
}

/* What the command line refuses of a combination of options. */
static int check_point(const struct dexsim_point *p, struct diag *d)
{
	if (p->input_tensor && (p->image || p->channels || p->resolution))
		return diag_fail(d, "--input-tensor is the whole input: no image, channels or "
				 "resolution with it");
	if (p->checkpoint && p->classes)
		return diag_fail(d, "--classes: with --checkpoint the classes are the "
				 "checkpoint's");
	if (p->checkpoint && p->weights)
		return diag_fail(d, "--checkpoint and --weights both give the weights; choose one");
	if (p->source_size < 1 || p->source_size > 4096)
		return diag_fail(d, "--source-size %d: expected a whole number from 1 to 4096",
				 p->source_size);
	return 0;
}

/* n items, at least one so that no size is zero. */
static void *alloc_items(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* The session's results as the library's plain structs. */
static int copy_result(const struct session *s, const struct dexsim_hardware *hw,
		       struct dexsim_result *r, struct diag *d)
{
	const struct model_result *m = &s->model;
	char config_name[64];
	size_t procs = (size_t)m->n_processors, mems = (size_t)m->n_instances;
	size_t layers = (size_t)m->n_layers;

	options_config_name(hw->path, config_name, sizeof config_name);
	struct report_run run = { config_name, &s->mode, s->info_ratio, &s->map, m, NULL };
	r->n_layers = m->n_layers;
	r->n_processors = m->n_processors;
	r->n_instances = m->n_instances;
	r->layers = alloc_items(layers, sizeof *r->layers);
	r->processors = alloc_items(procs, sizeof *r->processors);
	r->instances = alloc_items(mems, sizeof *r->instances);
	r->layer_processors = alloc_items(layers * procs, sizeof *r->layer_processors);
	r->layer_instances = alloc_items(layers * mems, sizeof *r->layer_instances);
	if (!r->layers || !r->processors || !r->instances || !r->layer_processors ||
	    !r->layer_instances)
		return diag_fail(d, "out of memory");
	report_summarize(&run, &r->summary);
	for (int i = 0; i < m->n_layers; i++)
		report_layer(&run, i, &r->layers[i]);
	memcpy(r->processors, m->processors, procs * sizeof *r->processors);
	memcpy(r->instances, m->instances, mems * sizeof *r->instances);
	memcpy(r->layer_processors, m->layer_processors, layers * procs * sizeof *r->processors);
	memcpy(r->layer_instances, m->layer_instances, layers * mems * sizeof *r->instances);
	return 0;
}

int dexsim_run(const struct dexsim_hardware *hw, const struct dexsim_network *net,
	       const struct dexsim_point *p, struct dexsim_result *r, struct dexsim_error *e)
{
	struct session_spec spec = {
		.config_path = hw->path, .net_path = net->path,
		.hw = &hw->hw, .net = &net->net,
		.sets = p->sets, .n_sets = p->n_sets,
		.classes = p->classes,
		.input = p->input ? p->input : "downsample",
		.weights = p->weights, .seed = p->seed,
		.image = p->image, .source_size = p->source_size,
		.resolution = p->resolution, .dex_channels = p->channels,
		.input_tensor = p->input_tensor, .checkpoint = p->checkpoint,
		.overlap_data = p->overlap_data, .timing_only = p->timing_only,
	};
	struct session s;
	struct diag d;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (check_point(p, &d) || session_open(&s, &spec, &d)) {
		set_error(e, &d);
		return -1;
	}
	if (session_simulate(&s, p->timing_only, NULL, &d) == 0)
		rc = copy_result(&s, hw, r, &d);
	session_close(&s);
	if (rc) {
		dexsim_result_free(r);
		set_error(e, &d);
	}
	return rc;
}

void dexsim_result_free(struct dexsim_result *r)
{
	free(r->layers);
	free(r->processors);
	free(r->instances);
	free(r->layer_processors);
	free(r->layer_instances);
	memset(r, 0, sizeof *r);
}

const char *dexsim_version(void)
{
	return PACKAGE_STRING;
}
