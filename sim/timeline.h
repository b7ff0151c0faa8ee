/* timeline.h: a run as a timeline in the Chrome trace-event format.
 *
 * The JSON that Perfetto (ui.perfetto.dev) and chrome://tracing open: complete
 * events ("ph": "X") with "ts" and "dur" in microseconds of the CNN clock.
 * Tracks: the layers, with each layer's row kinds (padding, filling the
 * window, convolving, passing through) beneath it; one track per quadrant of
 * processors, busy while any of its processors takes part in a layer; one per
 * data-memory instance, busy while a layer reads or writes it.  Each layer's
 * slice carries its shapes, passes and cycles as arguments.
 */
#ifndef DEXSIM_TIMELINE_H
#define DEXSIM_TIMELINE_H

#include <stdio.h>

#include "mapping.h"
#include "systemc/model.h"

void timeline_write(FILE *fp, const struct mapping *m, const struct model_result *r);

#endif
