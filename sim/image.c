/* image.c: reading, making and resizing pictures (see image.h). */
#include "image.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static int alloc_image(struct image *img, int w, int h, struct diag *d)
{
	img->w = w;
	img->h = h;
	img->rgb = malloc((size_t)w * h * 3);
	return img->rgb ? 0 : diag_fail(d, "out of memory");
}

static int load_png(struct image *img, const char *path, struct diag *d)
{
	png_image png;

	memset(&png, 0, sizeof png);
	png.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&png, path))
		return diag_fail(d, "--image %s: %s", path, png.message);
	png.format = PNG_FORMAT_RGB;
	if (alloc_image(img, (int)png.width, (int)png.height, d)) {
		png_image_free(&png);
		return -1;
	}
	if (!png_image_finish_read(&png, NULL, img->rgb, 0, NULL)) {
		image_free(img);
		return diag_fail(d, "--image %s: %s", path, png.message);
	}
	return 0;
}

/* The next header number of a PNM file, skipping blanks and comments. */
static long pnm_number(FILE *fp)
{
	int ch;
	long v = 0;

	do {
		ch = fgetc(fp);
		if (ch == '#')
			while (ch != '\n' && ch != EOF)
				ch = fgetc(fp);
	} while (isspace(ch));
	if (!isdigit(ch))
		return -1;
	while (isdigit(ch) && v < 1000000) {
		v = v * 10 + (ch - '0');
		ch = fgetc(fp);
	}
	return v;
}

static int load_pnm(struct image *img, FILE *fp, const char *path, char kind, struct diag *d)
{
	bool ascii = kind == '2' || kind == '3', grey = kind == '2' || kind == '5';
	long w = pnm_number(fp), h = pnm_number(fp), maxval = pnm_number(fp);
	int samples = grey ? 1 : 3;

	if (w < 1 || h < 1 || w > 65535 || h > 65535 || maxval < 1 || maxval > 65535)
		return diag_fail(d, "--image %s: bad PPM/PGM header", path);
	if (alloc_image(img, (int)w, (int)h, d))
		return -1;
	for (long i = 0; i < w * h; i++)
		for (int s = 0; s < samples; s++) {
			long v;
			if (ascii) {
				v = pnm_number(fp);
			} else {
				int hi = fgetc(fp), lo = maxval > 255 ? fgetc(fp) : 0;
				v = hi < 0 || lo < 0 ? -1 : maxval > 255 ? hi << 8 | lo : hi;
			}
			if (v < 0 || v > maxval) {
				image_free(img);
				return diag_fail(d, "--image %s: truncated or bad pixel data", path);
			}
			uint8_t p = (uint8_t)((v * 255 + maxval / 2) / maxval);
			for (int c = grey ? 0 : s; c < (grey ? 3 : s + 1); c++)
				img->rgb[i * 3 + c] = p;
		}
	return 0;
}

int image_load(struct image *img, const char *path, struct diag *d)
{
	unsigned char magic[8] = { 0 };
	FILE *fp = fopen(path, "rb");
	int rc;

	memset(img, 0, sizeof *img);
	if (!fp)
		return diag_fail(d, "--image %s: %s", path, strerror(errno));
	size_t n = fread(magic, 1, sizeof magic, fp);
	if (n >= 8 && png_sig_cmp(magic, 0, 8) == 0) {
		fclose(fp);
		return load_png(img, path, d);
	}
	if (n >= 2 && magic[0] == 'P' && strchr("2356", magic[1]) && magic[1]) {
		fseek(fp, 2, SEEK_SET);
		rc = load_pnm(img, fp, path, (char)magic[1], d);
		fclose(fp);
		return rc;
	}
	fclose(fp);
	return diag_fail(d, "--image %s: not a PNG, PPM or PGM file", path);
}

int image_synthetic(struct image *img, int size, uint64_t seed, struct diag *d)
{
	uint64_t state = seed;

	if (alloc_image(img, size, size, d))
		return -1;
	/* Integer arithmetic only: runs that sweep thousands of points make one each. */
	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			int u = 255 * x / size, v = 255 * y / size;
			int dx = 20 * (x - size / 3) / size, dy = 20 * (y - 3 * size / 5) / size;
			int disc = dx * dx + dy * dy < 20 ? 60 : 0;
			int stripe = (x + y) * 24 / size % 2 ? 40 : 0;
			int rgb[3] = { 50 + u / 2 + disc, 70 + v / 3 + stripe, 200 - u * v / 512 - disc };
			uint8_t *p = &img->rgb[((size_t)y * size + x) * 3];
			for (int c = 0; c < 3; c++) {
				int q = rgb[c] + rng_range(&state, -6, 6);
				p[c] = (uint8_t)(q < 0 ? 0 : q > 255 ? 255 : q);
			}
		}
	return 0;
}

int image_resize(const struct image *src, int size, struct image *dst, struct diag *d)
{
	if (alloc_image(dst, size, size, d))
		return -1;
	for (int y = 0; y < size; y++) {
		double sy = (y + 0.5) * src->h / size - 0.5;
		int y0 = sy < 0 ? 0 : (int)sy, y1 = y0 + 1 < src->h ? y0 + 1 : y0;
		double fy = sy < 0 ? 0 : sy - y0;
		for (int x = 0; x < size; x++) {
			double sx = (x + 0.5) * src->w / size - 0.5;
			int x0 = sx < 0 ? 0 : (int)sx, x1 = x0 + 1 < src->w ? x0 + 1 : x0;
			double fx = sx < 0 ? 0 : sx - x0;
			for (int c = 0; c < 3; c++) {
				const uint8_t *p = src->rgb;
				double top = p[((size_t)y0 * src->w + x0) * 3 + c] * (1 - fx) +
					     p[((size_t)y0 * src->w + x1) * 3 + c] * fx;
				double bottom = p[((size_t)y1 * src->w + x0) * 3 + c] * (1 - fx) +
						p[((size_t)y1 * src->w + x1) * 3 + c] * fx;
				dst->rgb[((size_t)y * size + x) * 3 + c] =
					(uint8_t)lround(top * (1 - fy) + bottom * fy);
			}
		}
	}
	return 0;
}

void image_free(struct image *img)
{
	free(img->rgb);
	img->rgb = NULL;
}
