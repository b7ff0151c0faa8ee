/* fuzz_config.c: a hardware description (configs/NAME.yaml) and its checks. */
#include "fuzz.h"
#include "hwconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hw_config hw;
	struct diag d;

	if (hwconfig_load(&hw, fuzz_file(data, len, ".yaml"), &d) == 0)
		hwconfig_check(&hw, &d);
	return 0;
}
