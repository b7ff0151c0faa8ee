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
#include "kernels.h"
#include "tensor.h"

/* A layer's weights (as weights.h lays them out) in the form compute_layer
 * reads: made once per weight set.  NULL when out of memory. */
struct kern_kernels *compute_prepare(const struct mapped_layer *ml, const int8_t *weights);

/* The same for random weights (kern_prepare_random), and the way back to the
 * values (kern_unprepare: weights.h's layout). */
struct kern_kernels *compute_prepare_random(const struct mapped_layer *ml,
					    void (*fill)(int8_t *values, size_t n, void *arg),
					    void *arg);
void compute_unprepare(const struct mapped_layer *ml, const struct kern_kernels *k,
		       int8_t *weights);

/* inputs: one tensor per in_sequences entry (or the previous layer's output);
 * kernels from compute_prepare and biases (NULL for layers without).
 * out is allocated here with the mapped output shape. */
int compute_layer(const struct mapped_layer *ml, const struct tensor *const *inputs,
		  const struct kern_kernels *kernels, const int8_t *bias, struct tensor *out,
		  struct diag *d);

#endif
