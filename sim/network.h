/* network.h: a network description, as written in dexsim's own format
 * (models/NAME.yaml) or in the vendor's ai8x-synthesis format (vendornet.c).
 *
 * This is what the user wrote, checked for form (types, names, ranges that
 * do not depend on the hardware).  Shapes, processors and memory placement
 * are worked out against a hardware description by mapping.c.  Both formats
 * end here, in the same description.
 */
#ifndef DEXSIM_NETWORK_H
#define DEXSIM_NETWORK_H

#include <stdbool.h>

#include "diag.h"
#include "layerops.h"
#include "procmask.h"

#define LAYER_MAX_INPUTS 16
#define LAYER_INPUT_NETWORK (-1) /* in_sequences entry meaning the network input */
#define NAME_LEN 64

struct layer_desc {
	char name[NAME_LEN];
	int line;                 /* where the layer starts in its file */
	enum op op;
	enum op eltwise;          /* fused element-wise op before a conv, or OP_COUNT */
	int out_channels;         /* 0: same as the input channels */
	int kernel_h, kernel_w;
	int pad;
	int stride;
	int dilation;
	int groups;               /* 1, or the channel count for depthwise */
	enum pool_op pool;
	int pool_h, pool_w;
	int pool_stride_h, pool_stride_w;
	int n_inputs;             /* entries of inputs[]; 0 means the previous layer */
	int inputs[LAYER_MAX_INPUTS];
	bool pool_first;          /* with an element-wise step: pool each operand first */
	bool flatten;
	enum activation activation;
	int weight_bits;          /* 1, 2, 4 or 8 */
	bool binary;              /* +-1 weights, stored as 1 bit */
	bool bias;
	int output_shift;
	int output_width;         /* 8 or 32 */
	bool has_processors, has_output_processors;
	struct procmask processors, output_processors;
	long in_offset, out_offset; /* byte offsets in the instances; -1 if not given */
	int write_gap;            /* words left free after each word written */
	int read_gap;             /* words skipped after each word read; -1: as written */
	bool output;              /* an output of the network besides the last layer */
	bool streaming;           /* reads its input through the FIFOs as it arrives */
	unsigned bias_quadrants;  /* bit q: biases may go to quadrant q; 0: any */
	/* What a vendor description leaves to the checkpoint: */
	bool has_weight_bits;     /* weight_bits given by the description */
	bool has_output_shift;    /* output_shift given by the description */
};

enum net_format { NET_DEXSIM, NET_AI8X };

struct network_desc {
	char source[512];
	char name[NAME_LEN];
	enum net_format format;
	char arch[NAME_LEN];      /* ai8x: the model's name, checked against a checkpoint */
	int in_h, in_w;           /* input rows and columns per channel; 0: from the input */
	bool chw;                 /* input layout: CHW, else HWC */
	bool overlap_data;        /* a layer may overwrite the data only it reads */
	int n_layers;
	struct layer_desc *layers;
};

/* Reads either format; which one is told by the document's top-level keys. */
int network_load(struct network_desc *net, const char *path, struct diag *d);
void network_free(struct network_desc *net);
/* A copy to change (a run's --classes, input size, checkpoint) and free on
 * its own. */
int network_copy(struct network_desc *to, const struct network_desc *from, struct diag *d);

/* A layer with every key at its default. */
void layer_desc_init(struct layer_desc *l);
/* Index of the layer called name among the first `before`, or -2. */
int network_find_layer(const struct network_desc *net, int before, const char *name);

/* Makes the last layer produce `classes` outputs (the --classes option). */
int network_set_classes(struct network_desc *net, int classes, struct diag *d);

#endif
