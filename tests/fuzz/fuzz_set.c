/* fuzz_set.c: a --set KEY=VALUE override on the MAX78000's description. */
#include "fuzz.h"
#include "hwconfig.h"

static struct hw_config base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d;

	(void)argc;
	(void)argv;
	if (hwconfig_load(&base, DEXSIM_SRCDIR "/configs/max78000.yaml", &d) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hw_config hw = base;
	struct diag d;
	char *text = fuzz_text(data, len);

	if (hwconfig_set(&hw, text, &d) == 0)
		hwconfig_check(&hw, &d);
	free(text);
	return 0;
}
