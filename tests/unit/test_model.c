/* test_model.c: the SystemC model against the kernels on their own.
 *
 * SimpleNet runs through the model (tensors in the data memories, biases in
 * the bias memories, layer after layer) and through forward.c (the kernels
 * alone, no memories); every layer's output must be the same bytes.  The
 * statistics must add up.  SystemC elaborates once per process, so this is
 * the one suite that runs the model.
 */
#include <string.h>

#include "session.h"
#include "suites.h"

static void test_model_matches_kernels(void)
{
	char config[4096], model[4096];
	struct session_spec spec = { .config_path = config, .net_path = model,
				     .input = "coordconv", .seed = 5, .source_size = 350 };
	struct session s;
	struct diag d;

	snprintf(config, sizeof config, "%s", src_path("configs/max78000.yaml"));
	snprintf(model, sizeof model, "%s", src_path("models/simplenet.yaml"));
	CU_ASSERT_EQUAL_FATAL(session_open(&s, &spec, &d), 0);
	CU_ASSERT_EQUAL_FATAL(session_compute(&s, &d), 0);
	CU_ASSERT_EQUAL_FATAL(session_simulate(&s, false, NULL, &d), 0);

	for (int i = 0; i < s.map.n_layers; i++) {
		const struct tensor *a = &s.result.outputs[i], *b = &s.model.outputs[i];
		CU_ASSERT(a->c == b->c && a->h == b->h && a->w == b->w && a->bits == b->bits);
		CU_ASSERT_EQUAL(memcmp(a->data, b->data, tensor_count(a) * (size_t)a->bits / 8), 0);
	}

	/* Layer cycles, switches and start-up make the total. */
	int64_t sum = s.hw.timing.startup;
	for (int i = 0; i < s.map.n_layers; i++)
		sum += s.model.layers[i].cycles;
	CU_ASSERT_EQUAL(sum, s.model.cycles);
	/* Every MAC is done by some processor. */
	int64_t macs = 0;
	for (int p = 0; p < s.model.n_processors; p++)
		macs += s.model.processors[p].macs;
	CU_ASSERT_EQUAL(macs, s.map.macs);
	/* conv1 reads the 32x32 input once per pixel from instance 0 (processors
	 * 0-3) and each input processor writes every pixel into its TRAM. */
	CU_ASSERT(s.model.instances[0].reads >= 1024);
	CU_ASSERT(s.model.processors[0].tram_writes >= 1024);
	/* conv1's five input channels (coordconv) sit on processors 0-4: each
	 * does 16 x 9 x 32 x 32 of its MACs. */
	CU_ASSERT(s.model.processors[4].macs >= 16 * 9 * 32 * 32);
	session_close(&s);
}

void add_model_suite(void)
{
	CU_pSuite s = CU_add_suite("model", NULL, NULL);

	CU_add_test(s, "model outputs equal the kernels' and statistics add up",
		    test_model_matches_kernels);
}
