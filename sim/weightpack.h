/* weightpack.h: a layer's kernels as they lie in one processor's weight memory.
 *
 * Each input processor holds, from the layer's kernel offset, one kernel per
 * (input pass, output-channel slot): the slots run from the instance boundary
 * below the first output processor to the last one, once per output pass,
 * and slots without an output channel (or passes without an input channel
 * on this processor) hold zeros.  A word is weight_word_bits wide (72: one
 * 3x3 kernel of 8-bit weights).  Sub-byte kernels of 8 / bits consecutive
 * slots share bytes: byte e of a group holds element e of each, the first in
 * the low bits.  Depthwise layers hold one kernel per pass; linear layers
 * hold, per pass and output, the weights of their channel's flattened
 * positions, as one bit stream.  Values are two's complement in `bits` bits
 * (binary weights: 1 for +1, 0 for -1).
 */
#ifndef DEXSIM_WEIGHTPACK_H
#define DEXSIM_WEIGHTPACK_H

#include <stddef.h>
#include <stdint.h>

#include "hwconfig.h"
#include "mapping.h"

/* Bytes of the layer's region on each of its processors: its kernel words, or
 * more where sub-byte kernels of several bytes end past them (an odd last
 * group of 4-bit conv1d kernels of four or more taps takes one more byte). */
size_t weightpack_bytes(const struct hw_config *hw, const struct mapped_layer *ml);

/* Writes processor p's kernels from weights ([out][in/groups][k...]) into
 * region (weightpack_bytes long, zeroed by the caller).  -1: out of memory. */
int weightpack_store(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		     const int8_t *weights, uint8_t *region);

/* Reads processor p's kernels back from region into their places in weights.
 * -1: out of memory. */
int weightpack_load(const struct hw_config *hw, const struct mapped_layer *ml, int p,
		    const uint8_t *region, int8_t *weights);

#endif
