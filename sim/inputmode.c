/* inputmode.c: channel counts of the input methods. */
#include "inputmode.h"

#include <string.h>

#include "rng.h"

int input_mode_get(const char *name, const struct hw_config *hw, struct input_mode *m,
		   struct diag *d)
{
	if (strcmp(name, "downsample") == 0)
		*m = (struct input_mode){ "downsample", 3, 3 };
	else if (strcmp(name, "coordconv") == 0) /* RGB + row and column coordinates */
		*m = (struct input_mode){ "coordconv", 5, 3 };
	else if (strcmp(name, "coordconv-r") == 0) /* ... + distance from the centre */
		*m = (struct input_mode){ "coordconv-r", 6, 3 };
	else if (strcmp(name, "dex") == 0) /* image samples on every processor */
		*m = (struct input_mode){ "dex", hw->processors, hw->processors };
	else
		return diag_fail(d,
				 "--input %s: unknown input mode (downsample, coordconv, "
				 "coordconv-r, dex)",
				 name);
	return 0;
}

double input_mode_info_ratio(const struct input_mode *m)
{
	return m->image_channels / 3.0;
}

int input_mode_synthetic(const struct input_mode *m, int h, int w, uint64_t seed,
			 struct tensor *t, struct diag *d)
{
	uint64_t state = seed;

	if (tensor_alloc(t, m->channels, h, w, 8))
		return diag_fail(d, "out of memory");
	for (size_t i = 0; i < tensor_count(t); i++)
		((int8_t *)t->data)[i] = (int8_t)rng_range(&state, -128, 127);
	return 0;
}
