/* session.h: one simulation, from descriptions to computed tensors.
 *
 * The pipeline every front end runs: hardware description (with overrides),
 * network description (completed by a checkpoint), input mode or ready input
 * tensor, mapping, weights, input, then the arithmetic.  The command line, the benchmarks and the tests share it.
 */
#ifndef DEXSIM_SESSION_H
#define DEXSIM_SESSION_H

#include "checkpoint.h"
#include "ckptnet.h"
#include "diag.h"
#include "forward.h"
#include "hwconfig.h"
#include "image.h"
#include "inputmode.h"
#include "mapping.h"
#include "network.h"
#include "tensor.h"
#include "tensorfile.h"
#include "weights.h"
#include "systemc/model.h"

struct session_spec {
	const char *config_path;
	const char *net_path;
	const struct hw_config *hw;      /* loaded already: used, not config_path */
	const struct network_desc *net;  /* loaded already: copied, not net_path */
	const char *const *sets;   /* "KEY=VALUE" overrides */
	int n_sets;
	int classes;               /* 0: as the description says */
	const char *input;         /* input mode name */
	const char *weights;       /* .npz, or NULL for synthetic weights */
	unsigned long long seed;   /* synthetic weights and image */
	const char *image;         /* PNG/PPM/PGM, or NULL for a synthetic picture */
	int source_size;           /* S: the image is resized to S x S first */
	int resolution;            /* rows = columns of the input; 0: the network's */
	int dex_channels;          /* 0: one per processor */
	const char *input_tensor;  /* a ready input (.npy) instead of a picture, or NULL */
	const char *checkpoint;    /* a quantized checkpoint (.pth.tar), or NULL */
	bool overlap_data;         /* as ai8xize.py --overlap-data */
	bool timing_only;          /* no synthetic weights: nothing would read them */
	const struct image *picture; /* session_picture() of this spec made before, or NULL */
};

/* The picture the spec describes (its --image or the synthetic one from its
 * seed), resized to source_size squared: what the input is built from. */
int session_picture(struct image *square, const struct session_spec *spec, struct diag *d);

struct session {
	struct hw_config hw;
	struct network_desc net;
	struct checkpoint checkpoint; /* while the session opens */
	struct input_mode mode;
	struct mapping map;
	struct weight_set weights;
	struct tensor input;
	double info_ratio;          /* of the input built */
	struct forward result;      /* the kernels on their own */
	struct model_result model;  /* the SystemC model's run */
};

/* Everything up to the arithmetic; on error all is freed. */
int session_open(struct session *s, const struct session_spec *spec, struct diag *d);
/* The arithmetic of every layer by the kernels alone, into s->result (again
 * on each call). */
int session_compute(struct session *s, struct diag *d);
/* The SystemC model's run into s->model: timing, statistics and (unless
 * timing_only) every layer's output as the data memories hold it; with vcd,
 * traced into that file (a process's first run only).  Returns 0, -1 when the run
 * fails, -2 when only the trace cannot be written. */
int session_simulate(struct session *s, bool timing_only, const char *vcd, struct diag *d);
void session_close(struct session *s);

#endif
