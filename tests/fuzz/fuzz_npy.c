/* fuzz_npy.c: a .npy array (as --weights archives and --input-tensor hold). */
#include "fuzz.h"
#include "npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct npy_array a;
	char err[256];

	if (npy_parse(data, len, 1 << 20, &a, err, sizeof err) == 0)
		npy_free(&a);
	return 0;
}
