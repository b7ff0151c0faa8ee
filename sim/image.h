/* image.h: 8-bit RGB pictures: read from PNG or PPM/PGM files, made up from a
 * seed, and resized to the square the input builders sample from.
 */
#ifndef DEXSIM_IMAGE_H
#define DEXSIM_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

struct image {
	int w, h;
	uint8_t *rgb;   /* h x w x 3, row-major */
};

/* PNG (any colour type, through libpng) or binary/ASCII PPM and PGM
 * (grey becomes R = G = B; maxval up to 65535 scales to 8 bits). */
int image_load(struct image *img, const char *path, struct diag *d);

/* A deterministic size x size picture (gradients, shapes, a little noise
 * from the seed), for runs without --image.  rows[y] says whether to make
 * row y (NULL: every row); the others are left unset, for a reader that
 * needs only some (inputmode.h's input_rows_read). */
int image_synthetic(struct image *img, int size, uint64_t seed, const bool *rows,
		    struct diag *d);

/* Bilinear resize to size x size (pixel centres aligned; no anti-aliasing). */
int image_resize(const struct image *src, int size, struct image *dst, struct diag *d);

void image_free(struct image *img);

#endif
