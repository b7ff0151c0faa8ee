/* ckptnet.h: a network completed and weighted by a quantized checkpoint.
 *
 * ai8x-synthesis pairs the checkpoint's state_dict with the network's layers
 * in order (izer/checkpoint.py): each layer with weights takes the next
 * `<prefix>.weight` tensor, and with it `<prefix>.bias`, and
 * `<layer>.weight_bits` and `<layer>.output_shift` where <layer> is the
 * prefix less its last part ("conv1.op.weight" -> "conv1.weight_bits").
 * Passthrough and element-wise layers take none; weight tensors left over
 * after the last layer are ignored, as the vendor's tool ignores them.
 *
 * ckptnet_describe() completes the description before mapping: output
 * channels (from the weights' shape), weight width (the description's, else
 * binary when every weight is +-1 on hardware that has binary weights, else
 * the checkpoint's), output shift and whether there are biases.  It checks
 * what the description says against the checkpoint and names the layer and
 * what differs.  ckptnet_weights() then takes the weights and the biases
 * (bias = floor(checkpoint bias / 2^(bits - 1)), quantize.py's scale) for the
 * mapped network.  Both work with either network format.
 */
#ifndef DEXSIM_CKPTNET_H
#define DEXSIM_CKPTNET_H

#include "checkpoint.h"
#include "diag.h"
#include "hwconfig.h"
#include "mapping.h"
#include "network.h"
#include "weights.h"

int ckptnet_describe(struct network_desc *net, const struct checkpoint *ck,
		     const struct hw_config *hw, struct diag *d);
int ckptnet_weights(struct weight_set *ws, const struct mapping *m, const struct checkpoint *ck,
		    struct diag *d);

#endif
