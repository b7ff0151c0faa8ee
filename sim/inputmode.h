/* inputmode.h: the input methods compared by the DEX paper.
 *
 * Each method decides how many channels the first layer receives and how
 * many of them carry image information (the rest are coordinates or zeros).
 */
#ifndef DEXSIM_INPUTMODE_H
#define DEXSIM_INPUTMODE_H

#include "diag.h"
#include "hwconfig.h"

struct input_mode {
	const char *name;   /* downsample, coordconv, coordconv-r, dex */
	int channels;       /* channels placed in data memory */
	int image_channels; /* channels that carry image values */
};

/* DEX fills every processor of one pass; the others have fixed channel counts. */
int input_mode_get(const char *name, const struct hw_config *hw, struct input_mode *m,
		   struct diag *d);

/* Image values per pixel position relative to a 3-channel image. */
double input_mode_info_ratio(const struct input_mode *m);

#endif
