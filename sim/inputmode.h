/* inputmode.h: the input methods compared by the DEX paper.
 *
 * Each method decides how many channels the first layer receives and how
 * many of them carry image information (the rest are coordinates or zeros).
 */
#ifndef DEXSIM_INPUTMODE_H
#define DEXSIM_INPUTMODE_H

#include "diag.h"
#include "hwconfig.h"
#include "tensor.h"

struct input_mode {
	const char *name;   /* downsample, coordconv, coordconv-r, dex */
	int channels;       /* channels placed in data memory */
	int image_channels; /* channels that carry image values */
};

/* DEX fills every processor of one pass; the others have fixed channel counts. */
int input_mode_get(const char *name, const struct hw_config *hw, struct input_mode *m,
		   struct diag *d);

/* The mode's input tensor, channels x h x w, without an image: uniform int8
 * values from the seed, the same on every machine. */
int input_mode_synthetic(const struct input_mode *m, int h, int w, uint64_t seed,
			 struct tensor *t, struct diag *d);

/* Image values per pixel position relative to a 3-channel image. */
double input_mode_info_ratio(const struct input_mode *m);

#endif
