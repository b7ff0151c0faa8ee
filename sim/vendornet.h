/* vendornet.h: network descriptions in the vendor's format.
 *
 * The YAML files of Analog Devices' ai8x-synthesis (networks/NAME.yaml): a
 * top-level `arch` and `dataset`, and one entry per hardware layer with the
 * vendor's key names (`operation`, `kernel_size: 3x3`, `activate`,
 * `max_pool`, `data_format`, ...) and defaults (3x3 kernels with pad 1,
 * output offset 0, pool stride 1).  Output channels, weight widths and
 * output shifts may be left to the checkpoint (checkpoint_apply), and the
 * input size to the input tensor.  The result is the same description that
 * dexsim's own format gives.
 */
#ifndef DEXSIM_VENDORNET_H
#define DEXSIM_VENDORNET_H

#include <stdbool.h>

#include "diag.h"
#include "network.h"
#include "yamlfile.h"

/* True if the document is in the vendor's format (it has `arch` or `dataset`). */
bool vendornet_recognise(struct yamlfile *f, yaml_node_t *root);

int vendornet_read(struct yamlfile *f, yaml_node_t *root, struct network_desc *net,
		   struct diag *d);

#endif
