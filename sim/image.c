/* image.c: reading, making and resizing pictures (see image.h). */
#define _POSIX_C_SOURCE 200809L
#include "image.h"

#include <ctype.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multiversion.h"
#include "pnglib.h"
#include "readfile.h"

static int alloc_image(struct image *img, int w, int h, struct diag *d)
{
	img->w = w;
	img->h = h;
	img->rgb = malloc((size_t)w * h * 3);
	return img->rgb ? 0 : diag_fail(d, "out of memory");
}

/* A picture is read whole and decoded whole: both are bounded, and checked
 * before the memory is taken.  (A 40-megapixel photo is 120 MB decoded; the
 * simulator resizes it to --source-size, at most 4096 squared.) */
#define MAX_FILE_BYTES (256L << 20)
#define MAX_PIXELS 40000000L

static int too_large(const char *path, long w, long h, struct diag *d)
{
	return diag_fail(d, "--image %s: %ld x %ld pixels, more than the %ld a picture may have",
			 path, w, h, MAX_PIXELS);
}

static int load_png(struct image *img, const unsigned char *data, size_t len, const char *path,
		    struct diag *d)
{
	const struct pnglib *lib = pnglib(d);
	png_image png;

	if (!lib)
		return -1;
	memset(&png, 0, sizeof png);
	png.version = PNG_IMAGE_VERSION;
	if (!lib->begin_read_from_memory(&png, data, len))
		return diag_fail(d, "--image %s: %s", path, png.message);
	if ((long)png.width * (long)png.height > MAX_PIXELS) {
		lib->free(&png);
		return too_large(path, (long)png.width, (long)png.height, d);
	}
	png.format = PNG_FORMAT_RGB;
	if (alloc_image(img, (int)png.width, (int)png.height, d)) {
		lib->free(&png);
		return -1;
	}
	if (!lib->finish_read(&png, NULL, img->rgb, 0, NULL)) {
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
	if (w * h > MAX_PIXELS)
		return too_large(path, w, h, d);
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
	size_t len;
	unsigned char *data;
	int rc;

	memset(img, 0, sizeof *img);
	data = readfile_whole("--image", path, MAX_FILE_BYTES, &len, d);
	if (!data)
		return -1;
	if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) {
		rc = load_png(img, data, len, path, d);
	} else if (len >= 2 && data[0] == 'P' && data[1] && strchr("2356", data[1])) {
		FILE *fp = fmemopen(data + 2, len - 2, "rb");
		rc = fp ? load_pnm(img, fp, path, (char)data[1], d) : diag_fail(d, "out of memory");
		if (fp)
			fclose(fp);
	} else {
		rc = diag_fail(d, "--image %s: not a PNG, PPM or PGM file", path);
	}
	free(data);
	return rc;
}

/* A well-mixed 32-bit hash (Chris Wellons' lowbias32): pixel i's noise is
 * that of i and the seed, so the pixels of a row are independent of each
 * other and the row vectorises. */
static uint32_t hash32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	h *= 0x846ca68bu;
	return h ^ (h >> 16);
}

/* Noise for channel c: byte c of the pixel's hash scaled to -6..6. */
static int noise_of(uint32_t hash, int c)
{
	return (int)(((hash >> (8 * c)) & 0xff) * 13 >> 8) - 6;
}

/* One row of the picture: what depends on the column alone comes in u, dx
 * and the stripes along x + y in stripe. */
MULTIVERSION
static void synthetic_row(uint8_t *restrict p, int size, int y, uint32_t key,
			  const int *restrict u, const int *restrict dx, const int *restrict stripe)
{
	int v = 255 * y / size, dy = 20 * (y - 3 * size / 5) / size, green = 70 + v / 3;

	for (int x = 0; x < size; x++) {
		int disc = dx[x] * dx[x] + dy * dy < 20 ? 60 : 0;
		uint32_t hash = hash32(key + (uint32_t)(y * size + x) * 0x9e3779b9u);
		/* Each channel lies within 8..243: no clipping.  u and v are not
		 * negative: halving and / 512 are shifts. */
		p[3 * x] = (uint8_t)(50 + (u[x] >> 1) + disc + noise_of(hash, 0));
		p[3 * x + 1] = (uint8_t)(green + stripe[x + y] + noise_of(hash, 1));
		p[3 * x + 2] = (uint8_t)(200 - ((u[x] * v) >> 9) - disc + noise_of(hash, 2));
	}
}

int image_synthetic(struct image *img, int size, uint64_t seed, const bool *rows,
		    struct diag *d)
{
	int *u = malloc((size_t)size * 4 * sizeof *u), *dx, *stripe;
	uint32_t key = (uint32_t)(seed ^ seed >> 32);

	if (!u)
		return diag_fail(d, "out of memory");
	dx = u + size;
	stripe = dx + size;
	if (alloc_image(img, size, size, d)) {
		free(u);
		return -1;
	}
	for (int x = 0; x < size; x++) {
		u[x] = 255 * x / size;
		dx[x] = 20 * (x - size / 3) / size;
	}
	for (int sum = 0; sum < 2 * size - 1; sum++)
		stripe[sum] = sum * 24 / size % 2 ? 40 : 0;
	/* Integer arithmetic only: runs that sweep thousands of points make one each. */
	for (int y = 0; y < size; y++)
		if (!rows || rows[y])
			synthetic_row(&img->rgb[(size_t)y * size * 3], size, y, key, u, dx, stripe);
	free(u);
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
