/* test_inputs.c: the input builders and image readers on hand-worked cases.
 *
 * The test image is 70x70 with R = column, G = row, B = (row + column) % 256,
 * so every sampled pixel says where it came from.  A pixel p becomes
 * round(p * 256 / 255 - 128): 0 -> -128, 1 -> -127 (-126.996), 23 -> -105
 * (-104.91), 24 -> -104 (-103.91), 34 -> -94 (-93.87), 35 -> -93 (-92.86),
 * 58 -> -70 (-69.77), 70 -> -58 (-57.73).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "inputmode.h"
#include "readfile.h"
#include "suites.h"

static struct hw_config hw78000(void)
{
	struct hw_config hw;
	struct diag d;

	CU_ASSERT_EQUAL(hwconfig_load(&hw, src_path("configs/max78000.yaml"), &d), 0);
	return hw;
}

static struct image position_image(int size)
{
	struct image img = { size, size, malloc((size_t)size * size * 3) };

	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			uint8_t *p = &img.rgb[((size_t)y * size + x) * 3];
			p[0] = (uint8_t)x;
			p[1] = (uint8_t)y;
			p[2] = (uint8_t)((x + y) % 256);
		}
	return img;
}

static int8_t at(const struct tensor *t, int c, int y, int x)
{
	return ((int8_t *)t->data)[((size_t)c * t->h + y) * t->w + x];
}

static void build(const char *mode, int channels, const struct image *img, int rows,
		  struct tensor *t, double *ratio)
{
	struct hw_config hw = hw78000();
	struct input_mode m;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(input_mode_get(mode, channels, &hw, &m, &d), 0);
	CU_ASSERT_EQUAL_FATAL(input_build(&m, img, rows, rows, t, ratio, &d), 0);
}

static void test_downsample_70_to_2(void)
{
	struct image img = position_image(70);
	struct tensor t;
	double ratio;

	/* Rows and columns floor(i * 70 / 2) = 0 and 35. */
	build("downsample", 0, &img, 2, &t, &ratio);
	CU_ASSERT(t.c == 3 && t.h == 2 && t.w == 2);
	CU_ASSERT(at(&t, 0, 0, 0) == -128 && at(&t, 1, 0, 0) == -128 && at(&t, 2, 0, 0) == -128);
	CU_ASSERT(at(&t, 0, 0, 1) == -93 && at(&t, 1, 0, 1) == -128 && at(&t, 2, 0, 1) == -93);
	CU_ASSERT(at(&t, 0, 1, 1) == -93 && at(&t, 1, 1, 1) == -93 && at(&t, 2, 1, 1) == -58);
	CU_ASSERT_DOUBLE_EQUAL(ratio, 1.0, 1e-12);
	tensor_free(&t);
	image_free(&img);
}

static void test_dex_70_to_2(void)
{
	struct image img = position_image(70);
	struct tensor dex, down;
	double ratio, r2;

	build("dex", 0, &img, 2, &dex, &ratio);
	build("downsample", 0, &img, 2, &down, &r2);
	CU_ASSERT_EQUAL(dex.c, 64);
	/* Channels 0-2: each patch's first pixel, the downsampled image. */
	for (int c = 0; c < 3; c++)
		for (int y = 0; y < 2; y++)
			for (int x = 0; x < 2; x++)
				CU_ASSERT_EQUAL(at(&dex, c, y, x), at(&down, c, y, x));
	/* Patch (0, 0): 35 x 35 = 1225 pixels, 22 samples at floor(t * 1224 / 21).
	 * Sample 1: index 58 = row 1, column 23: R 23, G 1, B 24 -> channels 3-5. */
	CU_ASSERT(at(&dex, 3, 0, 0) == -105 && at(&dex, 4, 0, 0) == -127 &&
		  at(&dex, 5, 0, 0) == -104);
	/* Channel 63 is the R of sample 21: index 1224 = row 34, column 34. */
	CU_ASSERT_EQUAL(at(&dex, 63, 0, 0), -94);
	/* Patch (1, 1) starts at row 35, column 35: sample 1 is row 36, column 58. */
	CU_ASSERT_EQUAL(at(&dex, 3, 1, 1), -70);
	/* 64 image values per position: 64 / 3. */
	CU_ASSERT_DOUBLE_EQUAL(ratio, 64.0 / 3.0, 1e-12);
	tensor_free(&dex);
	tensor_free(&down);
	image_free(&img);
}

static void test_dex_small_patches_pad_with_zeros(void)
{
	struct image img = position_image(8);
	struct tensor t;
	double ratio;

	/* 8x8 to 2x2: 16-pixel patches give 16 samples, 48 values, then zeros. */
	build("dex", 0, &img, 2, &t, &ratio);
	for (int c = 48; c < 64; c++)
		CU_ASSERT_EQUAL(at(&t, c, 1, 0), 0);
	/* Sample 15 of patch (1, 0) is its last pixel: row 7, column 3 -> B 10 -> -118. */
	CU_ASSERT_EQUAL(at(&t, 47, 1, 0), -118);
	CU_ASSERT_DOUBLE_EQUAL(ratio, 16.0, 1e-12);
	tensor_free(&t);

	/* --channels 9: three samples per patch, at floor(t * 15 / 2) = 0, 7, 15. */
	build("dex", 9, &img, 2, &t, &ratio);
	CU_ASSERT_EQUAL(t.c, 9);
	CU_ASSERT_EQUAL(at(&t, 3, 0, 0), -128 + 3 + 0);  /* index 7: row 1, column 3: R 3 */
	CU_ASSERT_DOUBLE_EQUAL(ratio, 3.0, 1e-12);
	tensor_free(&t);
	image_free(&img);
}

static void test_coordinates(void)
{
	struct image img = position_image(4);
	struct tensor t;
	double ratio;

	/* Rows and columns -1, -1/3, 1/3, 1 -> round(128 v): -128, -43, 43, 127 (128 clips). */
	build("coordconv-r", 0, &img, 4, &t, &ratio);
	CU_ASSERT_EQUAL(t.c, 6);
	CU_ASSERT(at(&t, 3, 0, 2) == -128 && at(&t, 3, 1, 2) == -43 && at(&t, 3, 2, 2) == 43 &&
		  at(&t, 3, 3, 2) == 127);
	CU_ASSERT(at(&t, 4, 2, 0) == -128 && at(&t, 4, 2, 1) == -43 && at(&t, 4, 2, 3) == 127);
	/* r at (0, 0): sqrt(2 x 1.5^2) = 2.12 -> 127; at (3, 3): sqrt(2 x 0.5^2) =
	 * 0.7071 -> round(90.51) = 91. */
	CU_ASSERT(at(&t, 5, 0, 0) == 127 && at(&t, 5, 3, 3) == 91);
	CU_ASSERT_DOUBLE_EQUAL(ratio, 1.0, 1e-12);
	tensor_free(&t);
	image_free(&img);
}

static void test_read_ppm_and_pgm(void)
{
	char ppm[] = "/tmp/dexsim-test-XXXXXX";
	struct image img;
	struct diag d;
	int fd = mkstemp(ppm);
	FILE *fp = fdopen(fd, "wb");

	/* 2x1 binary PPM with a comment, then a 2x1 ASCII PGM with maxval 1000. */
	fputs("P6\n# made by hand\n2 1\n255\n", fp);
	fwrite("\x01\x02\x03\xfd\xfe\xff", 1, 6, fp);
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(image_load(&img, ppm, &d), 0);
	CU_ASSERT(img.w == 2 && img.h == 1 && img.rgb[0] == 1 && img.rgb[5] == 255);
	image_free(&img);

	fp = fopen(ppm, "w");
	fputs("P2 2 1 1000\n0 500\n", fp);
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(image_load(&img, ppm, &d), 0);
	/* 500 of 1000 -> (500 x 255 + 500) / 1000 = 128 in every channel. */
	CU_ASSERT(img.rgb[0] == 0 && img.rgb[3] == 128 && img.rgb[4] == 128 && img.rgb[5] == 128);
	image_free(&img);

	fp = fopen(ppm, "w");
	fputs("P6\n4 4\n255\n\x01\x02", fp); /* truncated */
	fclose(fp);
	CU_ASSERT_EQUAL(image_load(&img, ppm, &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "truncated"));
	remove(ppm);
}

/* A file of exactly the limit is read; one byte more is refused.  1 MiB and
 * one byte also makes the buffer grow past its first 64 KiB; "-" reads
 * standard input. */
static void test_read_whole(void)
{
	char path[] = "/tmp/dexsim-test-XXXXXX";
	const size_t limit = 1 << 20;
	unsigned char *data;
	struct diag d;
	size_t len;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "wb");

	for (size_t i = 0; i < limit; i++)
		fputc((int)(i * 7 % 251), fp);
	fclose(fp);
	data = readfile_whole("--image", path, limit, &len, &d);
	CU_ASSERT_FATAL(data != NULL);
	CU_ASSERT_EQUAL(len, limit);
	CU_ASSERT(data[0] == 0 && data[65536] == 65536 * 7 % 251 && data[limit - 1] == (limit - 1) * 7 % 251);
	free(data);

	CU_ASSERT_FATAL(freopen(path, "rb", stdin) != NULL);
	data = readfile_whole("--image", "-", limit, &len, &d);
	CU_ASSERT(data != NULL && len == limit && data[limit - 1] == (limit - 1) * 7 % 251);
	free(data);

	fp = fopen(path, "ab");
	fputc(0, fp);
	fclose(fp);
	CU_ASSERT_PTR_NULL(readfile_whole("--image", path, limit, &len, &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, ": larger than 1 MiB"));
	CU_ASSERT_PTR_NULL(readfile_whole("--image", "/nonexistent/x.png", limit, &len, &d));
	CU_ASSERT_STRING_EQUAL(d.msg, "--image /nonexistent/x.png: No such file or directory");
	remove(path);
}

static void test_read_png(void)
{
	struct image img;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(image_load(&img, src_path("examples/images/scene.png"), &d), 0);
	CU_ASSERT(img.w == 350 && img.h == 350);
	image_free(&img);
}

/* Whether input_build gives `expected` from img with row y's bytes flipped. */
static bool same_with_row_flipped(const struct input_mode *m, const struct image *img, int rows,
				  int y, const struct tensor *expected)
{
	struct image copy = { img->w, img->h, malloc((size_t)img->w * img->h * 3) };
	struct tensor t;
	double ratio;
	struct diag d;
	bool same;

	memcpy(copy.rgb, img->rgb, (size_t)img->w * img->h * 3);
	for (int i = 0; i < img->w * 3; i++)
		copy.rgb[(size_t)y * img->w * 3 + i] ^= 0xff;
	CU_ASSERT_EQUAL_FATAL(input_build(m, &copy, rows, rows, &t, &ratio, &d), 0);
	same = memcmp(t.data, expected->data, tensor_count(&t)) == 0;
	tensor_free(&t);
	image_free(&copy);
	return same;
}

/* input_rows_read names the rows a builder reads: changing any other row
 * leaves the input as it is, and (but for DEX, which may read any) changing
 * any it names changes the input (pixel values are one-to-one).  A picture
 * made only in those rows is then enough. */
static void test_rows_read(void)
{
	static const struct {
		const char *mode;
		int channels, size, rows, expect_read;
	} cases[] = {
		{ "downsample", 0, 70, 2, 2 },    /* rows 0 and 35 */
		{ "downsample", 0, 350, 32, 32 }, /* floor(i * 350 / 32): 32 distinct rows */
		{ "coordconv-r", 0, 350, 32, 32 },
		{ "downsample", 0, 20, 32, 20 },  /* upsampling: every row, some twice */
		{ "dex", 9, 70, 2, 70 },
	};
	struct hw_config hw = hw78000();

	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct image img = position_image(cases[c].size);
		bool *read = malloc((size_t)cases[c].size * sizeof *read);
		bool exact = strcmp(cases[c].mode, "dex") != 0;
		struct input_mode m;
		struct tensor t;
		double ratio;
		struct diag d;
		int marked = 0;

		CU_ASSERT_EQUAL_FATAL(input_mode_get(cases[c].mode, cases[c].channels, &hw, &m, &d), 0);
		CU_ASSERT_EQUAL_FATAL(input_build(&m, &img, cases[c].rows, cases[c].rows, &t, &ratio,
						  &d), 0);
		input_rows_read(&m, cases[c].size, cases[c].rows, read);
		for (int y = 0; y < cases[c].size; y++) {
			bool same = same_with_row_flipped(&m, &img, cases[c].rows, y, &t);
			marked += read[y];
			if (!read[y] || exact)
				CU_ASSERT_EQUAL(same, !read[y]);
		}
		CU_ASSERT_EQUAL(marked, cases[c].expect_read);
		tensor_free(&t);
		image_free(&img);
		free(read);
	}
}

/* A synthetic picture made in some rows is the whole one's there. */
static void test_synthetic_rows(void)
{
	struct image whole, some;
	bool rows[50] = { false };
	struct diag d;

	rows[0] = rows[17] = rows[49] = true;
	CU_ASSERT_EQUAL_FATAL(image_synthetic(&whole, 50, 7, NULL, &d), 0);
	CU_ASSERT_EQUAL_FATAL(image_synthetic(&some, 50, 7, rows, &d), 0);
	for (int y = 0; y < 50; y++)
		if (rows[y])
			CU_ASSERT_EQUAL(memcmp(&some.rgb[y * 150], &whole.rgb[y * 150], 150), 0);
	image_free(&whole);
	image_free(&some);
}

void add_inputs_suite(void)
{
	CU_pSuite s = CU_add_suite("inputs", NULL, NULL);

	CU_add_test(s, "downsampling 70x70 to 2x2", test_downsample_70_to_2);
	CU_add_test(s, "DEX 70x70 to 2x2: order and channels 0-2", test_dex_70_to_2);
	CU_add_test(s, "DEX pads small patches with zeros", test_dex_small_patches_pad_with_zeros);
	CU_add_test(s, "CoordConv coordinate channels", test_coordinates);
	CU_add_test(s, "the picture rows each builder reads", test_rows_read);
	CU_add_test(s, "a synthetic picture made in some rows", test_synthetic_rows);
	CU_add_test(s, "PPM and PGM files", test_read_ppm_and_pgm);
	CU_add_test(s, "PNG files", test_read_png);
	CU_add_test(s, "a file read whole, up to a limit", test_read_whole);
}
