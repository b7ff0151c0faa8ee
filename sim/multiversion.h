/* multiversion.h: loops built for several x86-64 instruction sets.
 *
 * A function marked MULTIVERSION is compiled for AVX-512 (x86-64-v4), AVX2
 * and the baseline, and the best the running processor has is chosen when
 * the program loads: one binary for every x86-64 host.  Elsewhere, and with
 * compilers without target_clones, it is an ordinary function.  The files
 * that use it are built with the vectorizer's full cost model (Makefile.am).
 */
#ifndef DEXSIM_MULTIVERSION_H
#define DEXSIM_MULTIVERSION_H

#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
#endif
#ifndef MULTIVERSION
#define MULTIVERSION
#endif

#endif
