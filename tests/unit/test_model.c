/* test_model.c: the SystemC model against the kernels on their own.
 *
 * Networks run through the model (tensors in the data memories, biases in
 * the bias memories, layer after layer) and through forward.c (the kernels
 * alone, no memories); every layer's output must be the same bytes and the
 * statistics must add up.  One process runs several simulations, of
 * different networks on different chips: each must be what it would be alone.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "session.h"
#include "suites.h"

/* A session of the tree's config and net files, seed 5, not yet run. */
static int open_only(struct session *s, const char *config, const char *net, const char *input,
		     struct diag *d)
{
	char config_path[4096], net_path[4096];
	struct session_spec spec = { .config_path = config_path, .net_path = net_path,
				     .input = input, .seed = 5, .source_size = 350 };

	snprintf(config_path, sizeof config_path, "%s", src_path(config));
	snprintf(net_path, sizeof net_path, "%s", src_path(net));
	return session_open(s, &spec, d);
}

/* The same, computed by the kernels alone and simulated. */
static int open_session(struct session *s, const char *config, const char *net, const char *input)
{
	struct diag d;

	return open_only(s, config, net, input, &d) || session_compute(s, &d) ||
	       session_simulate(s, false, NULL, &d);
}

/* The model's outputs are the kernels', and its statistics add up. */
static void check_run(const struct session *s)
{
	for (int i = 0; i < s->map.n_layers; i++) {
		const struct tensor *a = &s->result.outputs[i], *b = &s->model.outputs[i];
		CU_ASSERT(a->c == b->c && a->h == b->h && a->w == b->w && a->bits == b->bits);
		CU_ASSERT_EQUAL(memcmp(a->data, b->data, tensor_count(a) * (size_t)a->bits / 8), 0);
	}
	/* Layer cycles, switches and start-up make the total. */
	int64_t sum = s->hw.timing.startup;
	for (int i = 0; i < s->map.n_layers; i++)
		sum += s->model.layers[i].cycles;
	CU_ASSERT_EQUAL(sum, s->model.cycles);
	/* Every MAC is done by some processor. */
	int64_t macs = 0;
	for (int p = 0; p < s->model.n_processors; p++)
		macs += s->model.processors[p].macs;
	CU_ASSERT_EQUAL(macs, s->map.macs);
}

static void test_model_matches_kernels(void)
{
	struct session s;

	CU_ASSERT_EQUAL_FATAL(open_session(&s, "configs/max78000.yaml", "models/simplenet.yaml",
					   "coordconv"), 0);
	check_run(&s);
	/* conv1 reads the 32x32 input once per pixel from instance 0 (processors
	 * 0-3) and each input processor writes every pixel into its TRAM. */
	CU_ASSERT(s.model.instances[0].reads >= 1024);
	CU_ASSERT(s.model.processors[0].tram_writes >= 1024);
	/* conv1's five input channels (coordconv) sit on processors 0-4: each
	 * does 16 x 9 x 32 x 32 of its MACs. */
	CU_ASSERT(s.model.processors[4].macs >= 16 * 9 * 32 * 32);
	session_close(&s);
}

/* A second network on the other chip, then the first again: nothing of one
 * run (memories, counters, time) may leak into the next. */
static void test_model_runs_again(void)
{
	struct session first, other, again;

	CU_ASSERT_EQUAL_FATAL(open_session(&first, "configs/max78000.yaml",
					   "models/simplenet.yaml", "dex"), 0);
	CU_ASSERT_EQUAL_FATAL(open_session(&other, "configs/max78002.yaml",
					   "models/widenet.yaml", "downsample"), 0);
	CU_ASSERT_EQUAL_FATAL(open_session(&again, "configs/max78000.yaml",
					   "models/simplenet.yaml", "dex"), 0);
	check_run(&first);
	check_run(&other);
	check_run(&again);
	CU_ASSERT_EQUAL(again.model.cycles, first.model.cycles);
	for (int i = 0; i < first.map.n_layers; i++) {
		CU_ASSERT_EQUAL(again.model.layers[i].start, first.model.layers[i].start);
		CU_ASSERT_EQUAL(again.model.layers[i].cycles, first.model.layers[i].cycles);
	}
	CU_ASSERT_EQUAL(memcmp(again.model.processors, first.model.processors,
			       sizeof *first.model.processors * (size_t)first.model.n_processors), 0);
	CU_ASSERT_EQUAL(memcmp(again.model.instances, first.model.instances,
			       sizeof *first.model.instances * (size_t)first.model.n_instances), 0);
	session_close(&first);
	session_close(&other);
	session_close(&again);
}

/* A trace's signals are fixed when the kernel first starts: a later run
 * cannot be traced, and says so without leaving a file behind. */
static void test_model_traces_first_run_only(void)
{
	struct session s;
	struct diag d;
	const char *vcd = "test_model_late.vcd";

	CU_ASSERT_EQUAL_FATAL(open_only(&s, "configs/max78000.yaml", "models/simplenet.yaml", "dex",
					&d), 0);
	CU_ASSERT_EQUAL(session_simulate(&s, true, vcd, &d), -2);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "only the first run"));
	CU_ASSERT_EQUAL(access(vcd, F_OK), -1);
	CU_ASSERT_EQUAL(access("test_model_late.vcd.partial.vcd", F_OK), -1);
	session_close(&s);
}

/* The weight memories hold each layer's kernels in its own region: a mapping
 * that put two layers' kernels in the same words, or past the memory's end,
 * is refused, not run with one layer's kernels read as the other's. */
static void test_model_refuses_misplaced_kernels(void)
{
	struct session s;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(open_only(&s, "configs/max78000.yaml", "models/simplenet.yaml", "dex",
					&d), 0);
	struct mapped_layer *second = &s.map.layers[1];
	int offset = second->kernel_offset;
	/* Layer 1's input processors hold layer 0's kernels too (processors 0-15). */
	CU_ASSERT_FATAL(procmask_has(&s.map.layers[0].in_procs, procmask_first(&second->in_procs)));
	second->kernel_offset = s.map.layers[0].kernel_offset + s.map.layers[0].kernel_words - 1;
	CU_ASSERT_EQUAL(session_simulate(&s, false, NULL, &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "overlap another layer's"));

	second->kernel_offset = hwconfig_weight_words(&s.hw, 0) - second->kernel_words + 1;
	CU_ASSERT_EQUAL(session_simulate(&s, true, NULL, &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "past the"));

	second->kernel_offset = offset;
	CU_ASSERT_EQUAL(session_simulate(&s, false, NULL, &d), 0);
	session_close(&s);
}

void add_model_suite(void)
{
	CU_pSuite s = CU_add_suite("model", NULL, NULL);

	CU_add_test(s, "kernels over another layer's or past the memory are refused",
		    test_model_refuses_misplaced_kernels);
	CU_add_test(s, "model outputs equal the kernels' and statistics add up",
		    test_model_matches_kernels);
	CU_add_test(s, "a process runs several networks, each as it would alone",
		    test_model_runs_again);
	CU_add_test(s, "only a process's first run can be traced",
		    test_model_traces_first_run_only);
}
