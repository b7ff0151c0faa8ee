/* fuzz_batch_line.c: one line of a --batch file, split as a shell would. */
#include "argsplit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct argwords words;
	struct diag d;
	char *line = fuzz_text(data, len);

	if (argsplit(&words, "dexsim", line, &d) == 0)
		argwords_free(&words);
	free(line);
	return 0;
}
