/* fuzz_checkpoint.c: a quantized PyTorch checkpoint (.pth.tar: a zip archive
 * holding a pickle and tensor storages). */
#include "checkpoint.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct checkpoint ck;
	struct diag d;

	if (checkpoint_load(&ck, fuzz_file(data, len, ".pth.tar"), &d) == 0)
		checkpoint_free(&ck);
	return 0;
}
