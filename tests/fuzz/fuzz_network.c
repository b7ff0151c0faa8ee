/* fuzz_network.c: a network description in either format (dexsim's or the
 * vendor's ai8x-synthesis YAML). */
#include "fuzz.h"
#include "network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct network_desc net;
	struct diag d;

	if (network_load(&net, fuzz_file(data, len, ".yaml"), &d) == 0)
		network_free(&net);
	return 0;
}
