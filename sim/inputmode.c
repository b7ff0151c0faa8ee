/* inputmode.c: channel counts of the input methods. */
#include "inputmode.h"

#include <string.h>

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
