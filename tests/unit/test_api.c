/* test_api.c: the library's API (dexsim.h): descriptions opened once, many
 * runs of different networks and hardware overrides in one process, each what
 * it would be alone, and errors as messages.
 *
 * The expected cycle counts are the vendor's own: ai8xize.py's ESTIMATED
 * LATENCY for cifar100-simple.yaml (129,319 cycles) and cifar100-simplewide2x
 * (190,694) on the MAX78000, whose engine the MAX78002 has without its
 * pipeline (see tests/cli/cycles.sh); the measured 2,593 us of SimpleNet on
 * the MAX78000 (MSDK cifar-100 example); the DEX paper's ProcUtil and
 * InfoRatio (tests/dex-table.csv: 100 % and 21.3 with DEX).
 */
#include <math.h>
#include <string.h>

#include "dexsim.h"
#include "suites.h"

static struct dexsim_hardware *max78000, *max78002;
static struct dexsim_network *simplenet, *widenet;

static int open_all(void)
{
	struct dexsim_error e;

	max78000 = dexsim_hardware_open(src_path("configs/max78000.yaml"), &e);
	max78002 = dexsim_hardware_open("max78002", &e);  /* by name */
	simplenet = dexsim_network_open("simplenet", &e);
	widenet = dexsim_network_open(src_path("models/widenet.yaml"), &e);
	return max78000 && max78002 && simplenet && widenet ? 0 : -1;
}

static int close_all(void)
{
	dexsim_hardware_close(max78000);
	dexsim_hardware_close(max78002);
	dexsim_network_close(simplenet);
	dexsim_network_close(widenet);
	return 0;
}

static int run(const struct dexsim_hardware *hw, const struct dexsim_network *net,
	       const struct dexsim_point *p, struct dexsim_result *r)
{
	struct dexsim_error e = { "" };
	int rc = dexsim_run(hw, net, p, r, &e);

	if (rc)
		fprintf(stderr, "dexsim_run: %s\n", e.message);
	return rc;
}

/* The statistics add up: per layer to the whole run, per processor to the MACs. */
static void check_sums(const struct dexsim_result *r)
{
	int64_t macs = 0, reads = 0, layer_reads = 0;

	for (int i = 0; i < r->n_layers; i++) {
		for (int p = 0; p < r->n_processors; p++)
			macs += r->layer_processors[i * r->n_processors + p].macs;
		for (int k = 0; k < r->n_instances; k++)
			layer_reads += r->layer_instances[i * r->n_instances + k].reads;
	}
	for (int k = 0; k < r->n_instances; k++)
		reads += r->instances[k].reads;
	CU_ASSERT_EQUAL(macs, r->summary.macs);
	CU_ASSERT_EQUAL(reads, layer_reads);
	CU_ASSERT_EQUAL(r->n_layers, r->summary.layers);
	/* Each layer starts where the one before it ended. */
	for (int i = 1; i < r->n_layers; i++)
		CU_ASSERT_EQUAL(r->layers[i].start, r->layers[i - 1].start + r->layers[i - 1].cycles);
}

static bool same_result(const struct dexsim_result *a, const struct dexsim_result *b)
{
	size_t procs = (size_t)a->n_processors, mems = (size_t)a->n_instances;
	size_t layers = (size_t)a->n_layers;

	return a->n_layers == b->n_layers && a->n_processors == b->n_processors &&
	       a->n_instances == b->n_instances &&
	       memcmp(&a->summary, &b->summary, sizeof a->summary) == 0 &&
	       memcmp(a->layers, b->layers, layers * sizeof *a->layers) == 0 &&
	       memcmp(a->layer_processors, b->layer_processors,
		      layers * procs * sizeof *a->layer_processors) == 0 &&
	       memcmp(a->layer_instances, b->layer_instances,
		      layers * mems * sizeof *a->layer_instances) == 0;
}

static void test_two_networks_and_overrides(void)
{
	const char *no_pipeline[] = { "pipeline=false", "clock_mhz=50" };
	struct dexsim_point p;
	struct dexsim_result first, wide, again, piped;

	dexsim_point_init(&p);
	p.classes = 100;
	p.timing_only = true;
	CU_ASSERT_EQUAL_FATAL(run(max78000, simplenet, &p, &first), 0);
	CU_ASSERT_EQUAL(first.summary.cycles, 129319);
	CU_ASSERT(fabs(first.summary.latency_us - 2593) <= 2593 * 0.001);
	CU_ASSERT_STRING_EQUAL(first.summary.config, "max78000");
	CU_ASSERT_STRING_EQUAL(first.summary.net, "simplenet");
	check_sums(&first);

	p.sets = no_pipeline;
	p.n_sets = 2;
	CU_ASSERT_EQUAL_FATAL(run(max78002, widenet, &p, &wide), 0);
	CU_ASSERT_EQUAL(wide.summary.cycles, 190694);
	CU_ASSERT_STRING_EQUAL(wide.summary.config, "max78002");
	check_sums(&wide);

	/* The overrides changed that run only: the opened MAX78002 still has its
	 * pipeline and its 200 MHz clock. */
	p.n_sets = 0;
	CU_ASSERT_EQUAL_FATAL(run(max78002, widenet, &p, &piped), 0);
	CU_ASSERT(piped.summary.cycles > 190694);
	CU_ASSERT(piped.summary.latency_us < wide.summary.latency_us / 2);

	/* The first run again: the same in every figure. */
	CU_ASSERT_EQUAL_FATAL(run(max78000, simplenet, &p, &again), 0);
	CU_ASSERT(same_result(&first, &again));
	dexsim_result_free(&first);
	dexsim_result_free(&wide);
	dexsim_result_free(&piped);
	dexsim_result_free(&again);
}

static void test_input_modes(void)
{
	struct dexsim_point p;
	struct dexsim_result down, dex, full;

	dexsim_point_init(&p);
	p.timing_only = true;
	CU_ASSERT_EQUAL_FATAL(run(max78000, simplenet, &p, &down), 0);
	CU_ASSERT_EQUAL(down.summary.input_channels, 3);
	CU_ASSERT_DOUBLE_EQUAL(down.summary.info_ratio, 1.0, 1e-9);
	p.input = "dex";
	CU_ASSERT_EQUAL_FATAL(run(max78000, simplenet, &p, &dex), 0);
	CU_ASSERT_EQUAL(dex.summary.input_channels, 64);
	CU_ASSERT_DOUBLE_EQUAL(dex.summary.proc_util_pct, 100.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(dex.summary.info_ratio, 21.3, 0.05);
	/* DEX costs input load, not latency. */
	CU_ASSERT(dex.summary.load_us > 10 * down.summary.load_us);
	/* The arithmetic changes no figure of the report. */
	p.timing_only = false;
	CU_ASSERT_EQUAL_FATAL(run(max78000, simplenet, &p, &full), 0);
	CU_ASSERT(same_result(&dex, &full));
	dexsim_result_free(&down);
	dexsim_result_free(&dex);
	dexsim_result_free(&full);
}

static void test_errors_are_messages(void)
{
	struct dexsim_error e = { "" };
	struct dexsim_point p;
	struct dexsim_result r;
	const char *bad_key[] = { "no_such_key=1" };

	CU_ASSERT_PTR_NULL(dexsim_hardware_open("no-such-chip", &e));
	/* What a separate run says: where it looked, and what is there. */
	CU_ASSERT(strncmp(e.message, "--config no-such-chip: no such configuration (looked in ", 56) == 0);
	CU_ASSERT(strstr(e.message, "available: max78000, max78002)") != NULL);
	CU_ASSERT_PTR_NULL(dexsim_network_open(src_path("tests/bad/missing.yaml"), &e));
	CU_ASSERT(strstr(e.message, "missing.yaml") != NULL);

	dexsim_point_init(&p);
	p.input = "dex";
	p.channels = 999;
	CU_ASSERT_EQUAL(dexsim_run(max78000, simplenet, &p, &r, &e), -1);
	CU_ASSERT(strncmp(e.message, "--channels 999", 14) == 0);
	CU_ASSERT_PTR_NULL(r.layers);
	p.channels = 0;
	p.sets = bad_key;
	p.n_sets = 1;
	CU_ASSERT_EQUAL(dexsim_run(max78000, simplenet, &p, &r, &e), -1);
	CU_ASSERT(strstr(e.message, "no_such_key") != NULL);
	/* A network that does not fit: the layer, the resource, need and capacity. */
	p.sets = (const char *[]){ "weight_memory.words=64", "weight_memory.large_words=64" };
	p.n_sets = 2;
	CU_ASSERT_EQUAL(dexsim_run(max78000, simplenet, &p, &r, &e), -1);
	CU_ASSERT(strstr(e.message, "layer") != NULL && strstr(e.message, "needs") != NULL);
	CU_ASSERT(strncmp(dexsim_version(), "dexsim ", 7) == 0);
}

void add_api_suite(void)
{
	CU_pSuite suite = CU_add_suite("api", open_all, close_all);

	CU_add_test(suite, "two networks and overrides in one process",
		    test_two_networks_and_overrides);
	CU_add_test(suite, "input modes", test_input_modes);
	CU_add_test(suite, "errors are messages", test_errors_are_messages);
}
