/* hwconfig.h: the hardware description of one accelerator.
 *
 * Every architectural parameter lives here, loaded from configs/NAME.yaml and
 * overridable with --set KEY=VALUE.  The list of keys, their types and their
 * ranges is kept in one table in hwconfig.c.
 */
#ifndef DEXSIM_HWCONFIG_H
#define DEXSIM_HWCONFIG_H

#include <stdbool.h>

#include "diag.h"

struct hw_timing {
	int startup;             /* cycles once per network run */
	int read_per_element;    /* per input pixel, pass, operand and pooling element */
	int tram_write;          /* per input pixel */
	int write_state;         /* per input pixel */
	int output_per_slot;     /* per output pixel and output-channel slot */
	int pipeline_per_output; /* per output pixel and pass of a multi-row kernel */
	int passthrough_overhead; /* per passthrough or element-wise layer */
	int preread_per_kernel_word; /* per padded border pixel and word below the layer's kernels */
};

/* The energy model's constants (energy.h). */
struct hw_energy {
	double per_cycle_nj;        /* per cycle of the CNN clock */
	double weight_read_pj;      /* per kernel word read from weight memory */
	double signed_input_pj;     /* more per processor-cycle on signed, dense input */
	double data_read_pj, data_write_pj; /* per data-memory word */
	double tram_write_pj;
	double static_mw;           /* over the inference */
	double host_per_word_nj;    /* the host storing one 32-bit word into CNN memory */
};

struct hw_config {
	char source[512];        /* the file it was loaded from */
	char device[32];
	double clock_mhz;        /* CNN clock */
	double host_clock_mhz;   /* the CPU that loads inputs and weights */
	double host_cycles_per_word; /* CPU cycles to write one 32-bit word into CNN memory */
	double host_timed_overhead;  /* CPU cycles inside a measured inference, outside the CNN */
	double load_clock_mhz;       /* CNN clock while the host loads weights and input */
	double load_cycles_per_word; /* CNN-clock cycles of one 32-bit store into CNN memory */
	int processors;
	int quadrants;

	int procs_per_instance;  /* processors sharing one data-memory instance */
	int instance_words;      /* words per data-memory instance */
	int data_word_bits;

	int weight_words;        /* 72-bit kernel words per processor */
	int weight_large_words;  /* on processors p with p % weight_large_every == 0 */
	int weight_large_every;
	int weight_word_bits;
	int weight_instance_words;       /* words per instance among the first weight_words */
	int weight_large_instance_words; /* per instance beyond weight_words */
	bool depthwise_one_instance;     /* a depthwise layer's kernels in one instance */

	int bias_bytes_per_quadrant;
	int tram_entries;

	int max_layers;
	int max_channels;
	int max_passes;
	int max_rows;
	int max_columns;
	int max_hwc_pixels;      /* first layer, per channel */
	int max_chw_pixels;
	int max_pad;
	int max_pool;
	int max_pool_stride;
	int max_operands;
	int max_shift;
	int max_stream_layers;     /* layers that may stream, from the first on */
	int max_fifo_hwc_channels; /* a streamed input's channels through the FIFOs */
	int max_fifo_chw_channels;

	unsigned ops;              /* bit (1 << enum op) per supported operation */
	unsigned conv2d_kernels;   /* bit k per supported k x k kernel */
	unsigned convt2d_kernels;
	int conv1d_kernel_max;
	unsigned weight_bits;      /* bit b per supported b-bit weight width */
	bool binary_weights;
	bool depthwise;
	bool dilation;
	bool pipeline;               /* the MAX78002's pipelined engine is on */
	double max_clock_no_pipeline; /* MHz: the fastest CNN clock with the pipeline off; 0: none */

	struct hw_timing timing;
	struct hw_energy energy;
};

int hwconfig_load(struct hw_config *hw, const char *path, struct diag *d);

/* Applies one "KEY=VALUE" override, validated like the file's own values. */
int hwconfig_set(struct hw_config *hw, const char *assignment, struct diag *d);

/* Checks the relations between parameters (after loading and all overrides). */
int hwconfig_check(const struct hw_config *hw, struct diag *d);

/* Weight-memory words of processor p. */
int hwconfig_weight_words(const struct hw_config *hw, int p);

int hwconfig_instances(const struct hw_config *hw);
int hwconfig_instance_bytes(const struct hw_config *hw);

#endif
