/* timing.h: what one layer costs, row by row, from the hardware's unit costs.
 *
 * The engine streams the pooled input through each processor's TRAM one row
 * at a time, padding rows and columns included.  Every input pixel costs a
 * data-memory read per pooling element, pass and element-wise operand, a TRAM
 * write and a write state.  Once the TRAM holds enough rows for the kernel,
 * each row also produces an output row: one value per clock per output-channel
 * slot (the span of output processors from the instance boundary, times the
 * output passes; a flattened layer's output channels; a passthrough's busiest
 * quadrant's words), for every column and input pass.  Input channels within
 * a pass cost nothing extra: the processors work in parallel.
 *
 * These are the terms of the vendor's analytic estimate (ai8x-synthesis
 * izer/latency.py; every non-streaming layer of the vendor's MAX78000 demo
 * networks takes its cycles), with every unit cost a parameter of the hardware
 * description, plus the MAX78002 pipelined engine's costs.  The SystemC
 * controller advances time row by row with these figures; what the host adds
 * to a measured latency, and its loading of inputs and weights, are here too.
 */
#ifndef DEXSIM_TIMING_H
#define DEXSIM_TIMING_H

#include <stdint.h>

#include "hwconfig.h"
#include "mapping.h"

/* The rows of one layer in the order the engine meets them. */
enum row_kind {
	ROW_PAD_TOP,     /* zero rows above the data: input only */
	ROW_FILL,        /* data rows before the kernel window is full: input only */
	ROW_CONV,        /* data rows that complete an output row */
	ROW_PAD_BOTTOM,  /* zero rows below the data, completing output rows */
	ROW_PASS,        /* a passthrough or element-wise row: input and output per pixel */
	ROW_KINDS
};

struct layer_timing {
	int rows[ROW_KINDS];          /* how many rows of each kind */
	int64_t input[ROW_KINDS];     /* cycles to stream one such row in */
	int64_t output_row;           /* cycles to write one output row (conv and bottom rows) */
	int64_t fixed;                /* per layer: configuration, flatten set-up */
	int slots;                    /* output-channel slots written per output pixel */
	int64_t cycles;               /* the layer in all */

	/* Work per layer, for the statistics. */
	int64_t reads;                /* data-memory reads by each input instance */
	int64_t tram_writes;          /* TRAM writes by each input processor */
	int64_t writes;               /* data-memory writes into each output instance */
};

void timing_layer(const struct hw_config *hw, const struct mapped_layer *ml,
		  struct layer_timing *t);

/* 32-bit stores the host CPU makes into the accelerator before a run: the
 * input into its data-memory instances, and the kernels and biases (one store
 * per bias byte: the bias memories take 32-bit accesses only). */
void timing_host_words(const struct hw_config *hw, const struct mapping *m, int64_t *input_words,
		       int64_t *weight_words);

/* Microseconds the host takes for one 32-bit store into the accelerator with
 * the CNN clocked at cnn_mhz: its own loop, and the store's cycles at the CNN
 * clock.  Memories are loaded at load.clock_mhz, the FIFOs fed at clock_mhz. */
double timing_word_us(const struct hw_config *hw, double cnn_mhz);

/* The latency of an inference as the vendor measures it: the CNN's cycles at
 * its clock, plus the host's fixed time inside the timed window (starting the
 * CNN, and after it ends the wake-up, interrupt and timer read). */
double timing_latency_us(const struct hw_config *hw, int64_t cnn_cycles);

/* Cycles of one row of a kind, input and output together. */
int64_t timing_row(const struct layer_timing *t, enum row_kind kind);

#endif
