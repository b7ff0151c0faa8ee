/* layerops.c: names of layer operations. */
#include "layerops.h"

#include <string.h>

static const char *const op_names[OP_COUNT] = {
	[OP_CONV2D] = "conv2d",
	[OP_CONV1D] = "conv1d",
	[OP_CONVTRANSPOSE2D] = "convtranspose2d",
	[OP_LINEAR] = "linear",
	[OP_PASSTHROUGH] = "passthrough",
	[OP_ADD] = "add",
	[OP_SUB] = "sub",
	[OP_XOR] = "xor",
	[OP_OR] = "or",
};

const char *op_name(enum op op)
{
	return op < OP_COUNT ? op_names[op] : "?";
}

enum op op_parse(const char *name)
{
	for (int i = 0; i < OP_COUNT; i++)
		if (strcmp(op_names[i], name) == 0)
			return (enum op)i;
	return OP_COUNT;
}

int op_is_eltwise(enum op op)
{
	return op == OP_ADD || op == OP_SUB || op == OP_XOR || op == OP_OR;
}

int op_has_weights(enum op op)
{
	return op == OP_CONV2D || op == OP_CONV1D || op == OP_CONVTRANSPOSE2D || op == OP_LINEAR;
}

const char *activation_name(enum activation a)
{
	static const char *const names[] = { "none", "relu", "abs" };
	return names[a];
}

const char *pool_name(enum pool_op p)
{
	static const char *const names[] = { "none", "max", "avg" };
	return names[p];
}
