// hugealloc.cpp: the dexsim program's memory on transparent huge pages.
//
// On the machines dexsim is tested on a page fault costs about 2 us, and a
// short run faulted in over 700 of them: as much time as the run's arithmetic
// (issue 14).  Where the kernel allows it (transparent_hugepage "madvise" or
// "always"), 2 MiB pages take their place:
//  - libsystemc's static initialisation allocates a 3 MiB scratch heap and
//    fills it.  Blocks of 2 MiB and more that operator new is asked for are
//    placed on 2 MiB boundaries and marked for huge pages.  Memory comes from
//    malloc or aligned_alloc, and the matching operator delete (replaced too,
//    so that a checker such as AddressSanitizer sees the pair) releases it
//    with free.
//  - the malloc heap, which the run's tensors, kernels and memories come
//    from: see HeapOnHugePages below.
// Only the command does this; the library leaves the choice to the program
// that loads it.
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

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

namespace {

// glibc grows its heap a little at a time, on 4 KiB pages, gives what is
// freed at its top back to the kernel and maps blocks of 128 KiB and more
// apart: each of them faults in anew.  At start-up the command grows the heap
// once by 16 MiB and marks that for huge pages; blocks up to 32 MiB come from
// the heap, and up to 32 MiB of freed memory stays in it.  Untouched pages
// cost nothing.
//
// A 2 MiB range in which a small page was touched stays on small pages, so
// the growth starts 256 KiB below a 2 MiB boundary (the program's own sbrk
// skips to there; glibc allows it, and the skipped addresses stay unused).
// glibc's records of the growth go at its start, in those 256 KiB, which stay
// on small pages; a run that needs little (--timing-only) stays in them and
// does not pay for zeroing a huge page.  Under another malloc (a checker's)
// the heap does not grow and nothing is marked.
struct HeapOnHugePages {
	HeapOnHugePages()
	{
		constexpr std::size_t reserve = std::size_t{16} << 20, kept = std::size_t{32} << 20,
				      small_part = std::size_t{256} << 10;

		mallopt(M_MMAP_THRESHOLD, kept);
		mallopt(M_TRIM_THRESHOLD, kept);
		auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
		std::uintptr_t first = (end + small_part + huge_page - 1) / huge_page * huge_page;
		if (sbrk(static_cast<intptr_t>(first - small_part - end)) == reinterpret_cast<void *>(-1))
			return;
		void *volatile grown = std::malloc(reserve); // volatile: not optimised away
		std::free(grown);
		std::uintptr_t last = reinterpret_cast<std::uintptr_t>(sbrk(0)) / huge_page * huge_page;
		if (last > first) // a hint: failure changes nothing
			madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE);
	}
} heap_on_huge_pages;

} // namespace
