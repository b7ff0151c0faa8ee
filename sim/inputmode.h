/* inputmode.h: the input methods compared by the DEX paper, and the input
 * tensors they build from an image.
 *
 * Following the DEX repository (utils/data_reshape.py, CoordConv): the image
 * is first resized to S x S; then, for an output of rows x cols,
 *  - downsample: pixel (floor(i S / rows), floor(j S / cols)), R G B;
 *  - coordconv: the same plus the row and the column coordinate, -1..1;
 *  - coordconv-r: plus sqrt((row - 0.5)^2 + (column - 0.5)^2);
 *  - dex: output pixel (i, j) owns the patch of rows [floor(i S / rows),
 *    floor((i + 1) S / rows)) and the same for columns; of its N pixels
 *    (row-major) it takes k = min(N, ceil(C / 3)) at indices floor(t (N - 1) /
 *    (k - 1)), t < k, interleaved R G B, zero-padded to C channels.
 * Pixels p (0..255) become int8 round(p * 256 / 255 - 128), clipped; the
 * coordinate values v become round(128 v), clipped, the scale of the
 * normalized image they sit beside.
 */
#ifndef DEXSIM_INPUTMODE_H
#define DEXSIM_INPUTMODE_H

#include <stdbool.h>

#include "diag.h"
#include "hwconfig.h"
#include "image.h"
#include "tensor.h"

/* INPUT_TENSOR: a ready tensor (--input-tensor), not built from a picture. */
enum input_kind { INPUT_DOWNSAMPLE, INPUT_COORDCONV, INPUT_COORDCONV_R, INPUT_DEX, INPUT_TENSOR };

struct input_mode {
	const char *name;   /* downsample, coordconv, coordconv-r, dex, tensor */
	enum input_kind kind;
	int channels;       /* channels placed in data memory */
};

/* dex_channels: 0 for one per processor; else 3 up to the processors of one pass. */
int input_mode_get(const char *name, int dex_channels, const struct hw_config *hw,
		   struct input_mode *m, struct diag *d);

/* Image values per pixel position of the mode's input relative to an RGB
 * image, built from a source_size x source_size picture. */
double input_info_ratio(const struct input_mode *m, int source_size, int rows, int cols);

/* The mode's input tensor (channels x rows x cols) from a square image;
 * *info_ratio: as input_info_ratio(). */
int input_build(const struct input_mode *m, const struct image *square, int rows, int cols,
		struct tensor *t, double *info_ratio, struct diag *d);

/* read[y] for each row y of the S x S square: whether input_build may read
 * it for an output of `rows` rows (a picture made only there is enough).
 * Exact but for DEX, which may read any. */
void input_rows_read(const struct input_mode *m, int S, int rows, bool *read);

#endif
