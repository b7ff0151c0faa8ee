/* test_checkpoint.c: PyTorch checkpoints, real and written, good and broken.
 *
 * The vendor checkpoint's expected numbers were obtained with Python alone,
 * not with this reader: zipfile + pickle.Unpickler with a persistent_load
 * returning struct.unpack('<%df') of archive/data/<key> and a find_class
 * mapping torch._utils._rebuild_tensor_v2 to a record of its arguments.
 * The other fixtures are made by tests/tools/make_checkpoint_fixtures.py,
 * whose values are repeated here.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checkpoint.h"
#include "suites.h"

static const char vendor[] = "tests/checkpoint/ai85-mnist-extrasmall-qat8-q.pth.tar";

static double sum(const struct ckpt_tensor *t)
{
	double s = 0;

	for (size_t i = 0; i < t->count; i++)
		s += t->values[i];
	return s;
}

static void check_shape(const struct ckpt_tensor *t, int ndim, const long *shape)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(t->ndim, ndim);
	for (int i = 0; i < ndim; i++)
		CU_ASSERT_EQUAL(t->shape[i], shape[i]);
}

static void check_values(const struct ckpt_tensor *t, size_t n, const double *want)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(t->count, n);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL(t->values[i], want[i]);
}

static void test_vendor(void)
{
	struct checkpoint ck;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&ck, src_path(vendor), &d), 0);
	CU_ASSERT_STRING_EQUAL(ck.arch, "ai85netextrasmall");
	CU_ASSERT_EQUAL(ck.n, 25);
	CU_ASSERT_STRING_EQUAL(ck.tensors[0].name, "conv1.output_shift");
	CU_ASSERT_STRING_EQUAL(ck.tensors[5].name, "conv1.op.weight");
	CU_ASSERT_STRING_EQUAL(ck.tensors[24].name, "fc.op.bias");

	const struct ckpt_tensor *w1 = checkpoint_find(&ck, "conv1.op.weight");
	check_shape(w1, 4, (const long[]){ 8, 1, 3, 3 });
	CU_ASSERT_TRUE(w1->is_float);
	CU_ASSERT_EQUAL(w1->values[0], -3);
	CU_ASSERT_EQUAL(w1->values[3], 127);
	CU_ASSERT_EQUAL(w1->values[71], -73);
	CU_ASSERT_EQUAL(sum(w1), 943);
	CU_ASSERT_EQUAL(sum(checkpoint_find(&ck, "conv2.op.weight")), -8336);
	CU_ASSERT_EQUAL(sum(checkpoint_find(&ck, "conv3.op.weight")), -1179);
	const struct ckpt_tensor *fc = checkpoint_find(&ck, "fc.op.weight");
	check_shape(fc, 2, (const long[]){ 10, 128 });
	CU_ASSERT_EQUAL(fc->values[2], 127);
	CU_ASSERT_EQUAL(fc->values[1279], -128);
	CU_ASSERT_EQUAL(sum(fc), -3704);
	/* Biases are stored times 2^(weight_bits - 1): ai8x-synthesis divides by 128. */
	check_values(checkpoint_find(&ck, "fc.op.bias"), 10, (const double[]){
		15356, -2408, -11038, -10419, -14299, 4987, -16384, -13399, -8453, 16320 });

	const char *layers[] = { "conv1", "conv2", "conv3", "fc" };
	const double shifts[] = { 1, 0, 1, 0 };
	for (int i = 0; i < 4; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s.weight_bits", layers[i]);
		const struct ckpt_tensor *bits = checkpoint_find(&ck, name);
		check_shape(bits, 1, (const long[]){ 1 });
		CU_ASSERT_TRUE(bits->is_float); /* older files store bit widths as floats */
		CU_ASSERT_EQUAL(bits->values[0], 8);
		snprintf(name, sizeof name, "%s.output_shift", layers[i]);
		check_values(checkpoint_find(&ck, name), 1, &shifts[i]);
	}
	CU_ASSERT_PTR_NULL(checkpoint_find(&ck, "conv1.op.bias"));
	checkpoint_free(&ck);
	CU_ASSERT_EQUAL(ck.n, 0);
	CU_ASSERT_PTR_NULL(ck.tensors);
}

/* Every storage type, scalar and empty tensors, a non-tensor entry skipped,
 * a folder named other than 'archive'. */
static void test_written(void)
{
	struct checkpoint ck;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&ck, src_path("tests/checkpoint/written.pth.tar"),
					      &d), 0);
	CU_ASSERT_STRING_EQUAL(ck.arch, "ai85testnet");
	CU_ASSERT_EQUAL(ck.n, 15);
	CU_ASSERT_PTR_NULL(checkpoint_find(&ck, "note"));
	CU_ASSERT_STRING_EQUAL(ck.tensors[5].name, "pool1.output_shift");
	CU_ASSERT_STRING_EQUAL(ck.tensors[6].name, "dtypes.f64");

	const struct ckpt_tensor *bits = checkpoint_find(&ck, "module.conv1.weight_bits");
	check_values(bits, 1, (const double[]){ 8 });
	CU_ASSERT_FALSE(bits->is_float);
	const struct ckpt_tensor *w = checkpoint_find(&ck, "module.conv1.op.weight");
	check_shape(w, 4, (const long[]){ 2, 1, 3, 3 });
	for (size_t i = 0; i < w->count; i++)
		CU_ASSERT_EQUAL(w->values[i], (double)i - 9);
	CU_ASSERT_EQUAL(memcmp(checkpoint_find(&ck, "conv1.op.weight")->values, w->values,
			       18 * sizeof *w->values), 0);
	check_values(checkpoint_find(&ck, "module.conv1.output_shift"), 1, (const double[]){ -1 });
	check_values(checkpoint_find(&ck, "module.conv1.op.bias"), 2,
		     (const double[]){ 128, -256 });

	check_values(checkpoint_find(&ck, "dtypes.f64"), 2, (const double[]){ 0.5, -2.25 });
	check_values(checkpoint_find(&ck, "dtypes.f16"), 3,
		     (const double[]){ 1.5, ldexp(1, -14), 65504 });
	CU_ASSERT_TRUE(checkpoint_find(&ck, "dtypes.f16")->is_float);
	check_values(checkpoint_find(&ck, "dtypes.i32"), 2, (const double[]){ -2147483648.0, 7 });
	check_values(checkpoint_find(&ck, "dtypes.i16"), 2, (const double[]){ -32768, 32767 });
	check_values(checkpoint_find(&ck, "dtypes.i8"), 2, (const double[]){ -128, 127 });
	check_values(checkpoint_find(&ck, "dtypes.u8"), 2, (const double[]){ 0, 255 });
	check_values(checkpoint_find(&ck, "dtypes.bool"), 2, (const double[]){ 1, 0 });
	CU_ASSERT_FALSE(checkpoint_find(&ck, "dtypes.u8")->is_float);

	const struct ckpt_tensor *scalar = checkpoint_find(&ck, "scalar");
	check_shape(scalar, 0, NULL);
	check_values(scalar, 1, (const double[]){ 2.5 });
	const struct ckpt_tensor *empty = checkpoint_find(&ck, "empty");
	check_shape(empty, 2, (const long[]){ 0, 3 });
	CU_ASSERT_EQUAL(empty->count, 0);
	checkpoint_free(&ck);
}

/* Protocol 4's opcodes (FRAME, STACK_GLOBAL, MEMOIZE, SHORT_BINUNICODE) give
 * the same tensors as torch.save's protocol 2. */
static void test_protocol4(void)
{
	struct checkpoint a, b;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&a, src_path("tests/checkpoint/written.pth.tar"),
					      &d), 0);
	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&b, src_path(
		"tests/checkpoint/written-protocol4.pth.tar"), &d), 0);
	CU_ASSERT_STRING_EQUAL(b.arch, a.arch);
	CU_ASSERT_EQUAL_FATAL(b.n, a.n);
	for (int i = 0; i < a.n; i++) {
		CU_ASSERT_STRING_EQUAL(b.tensors[i].name, a.tensors[i].name);
		CU_ASSERT_EQUAL_FATAL(b.tensors[i].count, a.tensors[i].count);
		CU_ASSERT_EQUAL(memcmp(b.tensors[i].values, a.tensors[i].values,
				       a.tensors[i].count * sizeof *a.tensors[i].values), 0);
	}
	checkpoint_free(&a);
	checkpoint_free(&b);
}

/* A transposed view, and views at offsets and strides of one shared storage. */
static void test_views(void)
{
	struct checkpoint ck;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&ck, src_path("tests/checkpoint/views.pth.tar"),
					      &d), 0);
	CU_ASSERT_EQUAL(ck.n, 5);
	const struct ckpt_tensor *t = checkpoint_find(&ck, "transposed");
	check_shape(t, 2, (const long[]){ 3, 2 });
	check_values(t, 6, (const double[]){ 0, 3, 1, 4, 2, 5 });
	check_values(checkpoint_find(&ck, "head"), 4, (const double[]){ 0, 10, 20, 30 });
	check_values(checkpoint_find(&ck, "tail"), 6, (const double[]){ 40, 50, 60, 70, 80, 90 });
	check_values(checkpoint_find(&ck, "every_third"), 3, (const double[]){ 10, 40, 70 });
	check_values(checkpoint_find(&ck, "repeated"), 4, (const double[]){ 90, 90, 90, 90 });
	checkpoint_free(&ck);
}

/* Each broken file gives -1 and a message with its path and the problem. */
static void expect_error(const char *file, const char *what)
{
	char relative[256];
	struct checkpoint ck;
	struct diag d;

	snprintf(relative, sizeof relative, "tests/checkpoint/bad/%s", file);
	CU_ASSERT_EQUAL_FATAL(checkpoint_load(&ck, src_path(relative), &d), -1);
	CU_ASSERT_EQUAL(ck.n, 0);
	CU_ASSERT_PTR_NULL(ck.tensors);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, relative));
	if (!strstr(d.msg, what))
		printf("\n%s: message '%s' lacks '%s'\n", file, d.msg, what);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, what));
}

static void test_bad_files(void)
{
	expect_error("empty.pth.tar", "not a zip file");
	expect_error("not-zip.pth.tar", "not a zip file");
	expect_error("truncated.pth.tar", "truncated or corrupt zip file");
	expect_error("corrupt-entry.pth.tar", "archive/data/0': truncated or corrupt zip entry");
	expect_error("no-pickle.pth.tar", "no <folder>/data.pkl");
	expect_error("no-state-dict.pth.tar", "no 'state_dict'");
}

static void test_bad_pickles(void)
{
	expect_error("bad-opcode.pth.tar", "unknown pickle opcode 0x56 at offset 6");
	expect_error("deep.pth.tar", "stack deeper than 16384 values");
	expect_error("huge-string.pth.tar", "string of 4294967295 bytes runs past the end");
}

static void test_bad_storages(void)
{
	expect_error("missing-storage.pth.tar", "storage key '0' missing from the archive");
	expect_error("short-storage.pth.tar", "storage 'archive/data/0' has 20 bytes, too small "
		     "for the 36");
	expect_error("overrun.pth.tar", "storage '0' of 9 elements is too small for size "
		     "[3, 3], stride [3, 1], offset 2");
	expect_error("bad-storage-type.pth.tar",
		     "unsupported storage type 'torch.ComplexFloatStorage'");
}

void add_checkpoint_suite(void)
{
	CU_pSuite s = CU_add_suite("checkpoint", NULL, NULL);

	CU_add_test(s, "a vendor checkpoint matches Python's reading", test_vendor);
	CU_add_test(s, "every storage type of a written checkpoint", test_written);
	CU_add_test(s, "protocol 4 reads as protocol 2", test_protocol4);
	CU_add_test(s, "strided views and a shared storage", test_views);
	CU_add_test(s, "broken archives are named", test_bad_files);
	CU_add_test(s, "broken pickles are named with their offset", test_bad_pickles);
	CU_add_test(s, "missing and short storages are named", test_bad_storages);
}
