/* layerops.h: the operations, activations and pooling kinds a layer can have,
 * with their names as written in the YAML descriptions and reports.
 */
#ifndef DEXSIM_LAYEROPS_H
#define DEXSIM_LAYEROPS_H

enum op {
	OP_CONV2D,
	OP_CONV1D,
	OP_CONVTRANSPOSE2D,
	OP_LINEAR,
	OP_PASSTHROUGH,
	OP_ADD,
	OP_SUB,
	OP_XOR,
	OP_OR,
	OP_COUNT
};

enum activation { ACT_NONE, ACT_RELU, ACT_ABS };
enum pool_op { POOL_NONE, POOL_MAX, POOL_AVG };

const char *op_name(enum op op);
/* Returns the operation called name, or OP_COUNT if there is none. */
enum op op_parse(const char *name);
/* Element-wise operations: add, sub, xor, or. */
int op_is_eltwise(enum op op);
/* Operations that carry weights (and so kernels in weight memory). */
int op_has_weights(enum op op);

const char *activation_name(enum activation a);
const char *pool_name(enum pool_op p);

#endif
