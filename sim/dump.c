/* dump.c: tensors as .npy files (see dump.h). */
#define _POSIX_C_SOURCE 200809L
#include "dump.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "npy.h"
#include "outfile.h"

static int write_tensor(const char *dir, const char *name, const struct tensor *t, int ndim,
			struct diag *d)
{
	long shape[3] = { t->c, t->h, t->w }; /* [C, L]: a conv1d's length runs down rows */
	char path[4096];
	struct outfile out;

	if (snprintf(path, sizeof path, "%s/%s.npy", dir, name) >= (int)sizeof path)
		return diag_fail(d, "--dump %s: path too long", dir);
	if (outfile_open(&out, path, d))
		return -1;
	if (npy_write(out.fp, t->bits / 8, ndim, shape, t->data)) {
		outfile_abort(&out);
		return diag_fail(d, "%s: write error", path);
	}
	return outfile_commit(&out, d);
}

static int tensor_dims(const struct layer_desc *l)
{
	return l->op == OP_LINEAR ? 1 : l->op == OP_CONV1D ? 2 : 3;
}

/* The network's outputs: the layers marked as outputs, else the last layer
 * (izer/izer.py: the final layer is an output only when none is marked). */
static int write_outputs(const char *dir, const struct mapping *m, const struct tensor *outputs,
			 struct diag *d)
{
	int marked = 0, k = 0;

	for (int i = 0; i < m->n_layers; i++)
		marked += m->layers[i].desc->output;
	if (marked == 0) {
		const struct mapped_layer *last = &m->layers[m->n_layers - 1];
		return write_tensor(dir, "output", &outputs[last->index], tensor_dims(last->desc), d);
	}
	for (int i = 0; i < m->n_layers; i++) {
		char name[32];
		if (!m->layers[i].desc->output)
			continue;
		snprintf(name, sizeof name, marked == 1 ? "output" : "output%d", k++);
		if (write_tensor(dir, name, &outputs[i], tensor_dims(m->layers[i].desc), d))
			return -1;
	}
	return 0;
}

int dump_write(const char *dir, const struct mapping *m, const struct tensor *input,
	       const struct tensor *outputs, struct diag *d)
{
	struct stat st;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return diag_fail(d, "--dump %s: cannot create: %s", dir, strerror(errno));
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return diag_fail(d, "--dump %s: not a directory", dir);
	if (write_tensor(dir, "input", input, 3, d))
		return -1;
	for (int i = 0; i < m->n_layers; i++)
		if (write_tensor(dir, m->layers[i].desc->name, &outputs[i],
				 tensor_dims(m->layers[i].desc), d))
			return -1;
	return write_outputs(dir, m, outputs, d);
}
