// hugealloc.cpp: large allocations of the dexsim program on transparent huge
// pages.
//
// libsystemc's static initialisation allocates a 3 MiB scratch heap and fills
// it: on 4 KiB pages that is about 770 page faults, most of a short run's
// start-up (issue 14).  Blocks of 2 MiB and more are placed on 2 MiB
// boundaries and marked for huge pages, so they fault in a few 2 MiB steps
// where the kernel allows it (transparent_hugepage "madvise" or "always").
// Only the command replaces operator new; the library leaves the choice to
// the program that loads it.  Memory comes from malloc or aligned_alloc, and
// the matching operator delete (replaced too, so that a checker such as
// AddressSanitizer sees the pair) releases it with free.
#include <cstdlib>
#include <new>
#include <sys/mman.h>

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
}

void *operator new(std::size_t n)
{
	void *p;

	if (n >= huge_page) {
		std::size_t rounded = (n + huge_page - 1) / huge_page * huge_page;
		p = std::aligned_alloc(huge_page, rounded);
		if (p)
			madvise(p, rounded, MADV_HUGEPAGE); // a hint: failure changes nothing
	} else {
		p = std::malloc(n ? n : 1);
	}
	if (!p)
		throw std::bad_alloc();
	return p;
}

void operator delete(void *p) noexcept
{
	std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
	std::free(p);
}
