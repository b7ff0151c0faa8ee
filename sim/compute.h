/* compute.h: the arithmetic of one hardware layer.
 *
 * A layer gathers its inputs (operands of an element-wise step, or channels
 * concatenated), pools and combines them in the order the layer asks for,
 * runs its convolution or linear step with the layer's weights, and scales
 * and activates the result, all with the bit-exact kernels of kernels.h.
 */
#ifndef DEXSIM_COMPUTE_H
#define DEXSIM_COMPUTE_H

#include "diag.h"
#include "mapping.h"
#include "tensor.h"

/* inputs: one tensor per in_sequences entry (or the previous layer's output);
 * weights and bias as weights.h lays them out (NULL for layers without).
 * out is allocated here with the mapped output shape. */
int compute_layer(const struct mapped_layer *ml, const struct tensor *const *inputs,
		  const int8_t *weights, const int8_t *bias, struct tensor *out, struct diag *d);

#endif
