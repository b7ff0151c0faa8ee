/* test_ckptnet.c: a checkpoint completing and weighting a network.
 *
 * tests/checkpoint/pairing.pth.tar is written by
 * tests/tools/make_checkpoint_fixtures.py; its values are repeated here:
 *   module.conv1.op.weight   [4, 3, 3, 3] = (i % 16) - 8, i = 0..107 (4-bit)
 *   module.conv1.op.bias     [-1024, -9, 5, 1016] (biases x 2^(4 - 1))
 *   module.conv1.weight_bits 4.0 (a float tensor), module.conv1.output_shift -1.0
 *   lin.weight               [5, 4, 1, 1] = -1 where i % 3 == 0, else +1
 *   lin.weight_bits          2 (an int64 tensor); no lin.output_shift, no lin.bias
 *   conv1.op.weight          a plain copy of the first, left over after the last layer
 * with tests/nets/pairing.yaml: conv2d 3x3, passthrough, conv2d 1x1.
 */
#include <string.h>

#include "ckptnet.h"
#include "suites.h"

struct pair {
	struct hw_config hw;
	struct network_desc net;
	struct checkpoint ck;
	struct mapping map;
	struct weight_set ws;
	struct diag d;
};

static int open_pair(struct pair *p, const char *config)
{
	memset(p, 0, sizeof *p);
	if (hwconfig_load(&p->hw, src_path(config), &p->d) ||
	    network_load(&p->net, src_path("tests/nets/pairing.yaml"), &p->d) ||
	    checkpoint_load(&p->ck, src_path("tests/checkpoint/pairing.pth.tar"), &p->d))
		return -1;
	p->net.in_h = p->net.in_w = 4;
	return 0;
}

static void close_pair(struct pair *p)
{
	weights_free(&p->ws);
	mapping_free(&p->map);
	checkpoint_free(&p->ck);
	network_free(&p->net);
}

static void test_describe(void)
{
	struct pair p;
	const struct layer_desc *l;

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	CU_ASSERT_EQUAL_FATAL(ckptnet_describe(&p.net, &p.ck, &p.hw, &p.d), 0);
	l = p.net.layers;
	CU_ASSERT_EQUAL(l[0].out_channels, 4);
	CU_ASSERT_EQUAL(l[0].weight_bits, 4);
	CU_ASSERT_FALSE(l[0].binary);
	CU_ASSERT_EQUAL(l[0].output_shift, -1);
	CU_ASSERT_TRUE(l[0].bias);
	CU_ASSERT_EQUAL(l[1].out_channels, 0);   /* the passthrough takes nothing */
	CU_ASSERT_EQUAL(l[2].out_channels, 5);
	CU_ASSERT_EQUAL(l[2].weight_bits, 2);    /* +-1 fit 2 bits; no binary weights here */
	CU_ASSERT_FALSE(l[2].binary);
	CU_ASSERT_EQUAL(l[2].output_shift, 0);   /* no output_shift tensor */
	CU_ASSERT_FALSE(l[2].bias);
	close_pair(&p);

	/* The MAX78002 has binary weights: all +-1 is binary, as in izer/checkpoint.py. */
	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78002.yaml"), 0);
	CU_ASSERT_EQUAL_FATAL(ckptnet_describe(&p.net, &p.ck, &p.hw, &p.d), 0);
	CU_ASSERT_TRUE(p.net.layers[2].binary);
	CU_ASSERT_EQUAL(p.net.layers[2].weight_bits, 1);
	close_pair(&p);
}

static void test_weights(void)
{
	struct pair p;
	const struct layer_weights *lw;

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	CU_ASSERT_EQUAL_FATAL(ckptnet_describe(&p.net, &p.ck, &p.hw, &p.d), 0);
	CU_ASSERT_EQUAL_FATAL(mapping_build(&p.map, &p.hw, &p.net, 3, &p.d), 0);
	CU_ASSERT_EQUAL_FATAL(ckptnet_weights(&p.ws, &p.map, &p.ck, &p.d), 0);
	lw = &p.ws.layers[0];
	/* floor(-1024 / 8) = -128, floor(-9 / 8) = -2 (not -1), floor(5 / 8) = 0, 1016 / 8 = 127 */
	CU_ASSERT_EQUAL(lw->bias[0], -128);
	CU_ASSERT_EQUAL(lw->bias[1], -2);
	CU_ASSERT_EQUAL(lw->bias[2], 0);
	CU_ASSERT_EQUAL(lw->bias[3], 127);
	CU_ASSERT_EQUAL(lw->weights[0], -8);
	CU_ASSERT_EQUAL(lw->weights[3], -5);
	CU_ASSERT_EQUAL(lw->weights[107], 3);     /* 107 % 16 - 8 */
	CU_ASSERT_PTR_NULL(p.ws.layers[1].weights);
	lw = &p.ws.layers[2];
	CU_ASSERT_EQUAL(lw->weights[0], -1);
	CU_ASSERT_EQUAL(lw->weights[1], 1);
	CU_ASSERT_EQUAL(lw->weights[3], -1);
	CU_ASSERT_EQUAL(lw->weights[19], 1);
	CU_ASSERT_PTR_NULL(lw->bias);
	close_pair(&p);
}

/* Describes with the checkpoint's first `tensors` tensors (all: -1). */
static void expect_describe_error(struct pair *p, int tensors, const char *fragment)
{
	int all = p->ck.n;

	if (tensors >= 0)
		p->ck.n = tensors;
	CU_ASSERT_EQUAL(ckptnet_describe(&p->net, &p->ck, &p->hw, &p->d), -1);
	p->ck.n = all;
	if (!strstr(p->d.msg, fragment))
		fprintf(stderr, "\nunexpected message: %s\n", p->d.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(p->d.msg, fragment));
	close_pair(p);
}

static void test_mismatches(void)
{
	struct pair p;

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	p.net.layers[0].kernel_h = p.net.layers[0].kernel_w = 1;
	expect_describe_error(&p, -1, "layer 0 'layer0' (conv2d): module.conv1.op.weight has shape "
				  "[4, 3, 3, 3]: 3x3 kernels, the description says 1x1");

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	p.net.layers[2].out_channels = 6;
	expect_describe_error(&p, -1, "layer 2 'layer2' (conv2d): lin.weight has shape [5, 4, 1, 1]: "
				  "5 output channels, the description says 6");

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	p.net.layers[0].has_weight_bits = true;   /* the description says 2 bits: -8 does not fit */
	p.net.layers[0].weight_bits = 2;
	expect_describe_error(&p, -1, "module.conv1.op.weight holds values from -8 to 7, outside 2-bit "
				  "weights");

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	/* Only conv1's four tensors. */
	expect_describe_error(&p, 4, "layer 2 'layer2' (conv2d): no weights in the checkpoint: its 1 "
				  "weight tensor went to the layers with weights before this one");

	CU_ASSERT_EQUAL_FATAL(open_pair(&p, "configs/max78000.yaml"), 0);
	strcpy(p.net.arch, "other");
	expect_describe_error(&p, -1, "the checkpoint is of model 'pairing', the network description "
				  "of 'other'");
}

void add_ckptnet_suite(void)
{
	CU_pSuite s = CU_add_suite("ckptnet", NULL, NULL);
	CU_add_test(s, "checkpoint completes the description", test_describe);
	CU_add_test(s, "weights and scaled biases from the checkpoint", test_weights);
	CU_add_test(s, "what differs is named", test_mismatches);
}
