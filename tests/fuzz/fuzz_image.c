/* fuzz_image.c: a picture (PNG, PPM, PGM) as --image reads it. */
#include "fuzz.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct image img;
	struct diag d;

	if (image_load(&img, fuzz_file(data, len, ".img"), &d) == 0)
		image_free(&img);
	return 0;
}
