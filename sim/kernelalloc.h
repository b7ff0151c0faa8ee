/* kernelalloc.h: where each layer's kernels go in the weight memories.
 *
 * The placement is the vendor's tool's (ai8x-synthesis izer/kernels.py load(),
 * with its defaults: the greedy allocator and the new kernel loader), so that
 * dexsim's kernel offsets are those of the code izer generates.
 */
#ifndef DEXSIM_KERNELALLOC_H
#define DEXSIM_KERNELALLOC_H

#include "diag.h"
#include "mapping.h"

/* Sets kernel_words and kernel_offset of every layer and m->kernel_words_used;
 * the layers' shapes and processors must be known. */
int kernelalloc_place(struct mapping *m, struct diag *d);

#endif
