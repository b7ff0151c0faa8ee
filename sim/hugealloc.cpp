// hugealloc.cpp: the dexsim program's heap on transparent huge pages.
//
// On the machines dexsim is tested on a page fault costs about 2 us, and a
// short run faulted in over 700 pages: as much time as its arithmetic (issue
// 14).  glibc grows its heap a little at a time, on 4 KiB pages, gives what is
// freed at its top back to the kernel and maps blocks of 128 KiB and more
// apart, each faulted in anew.  libsystemc's static initialisation alone
// allocates a 3 MiB scratch heap and fills it.
//
// So before the first block is allocated, the command grows the heap once by
// 16 MiB and marks that for huge pages (where the kernel allows it:
// transparent_hugepage "madvise" or "always"); blocks up to 32 MiB then come
// from the heap, and up to 32 MiB of freed memory stays in it.  Untouched
// pages cost nothing.  The first block is libsystemc's, through operator new,
// which the command replaces; the matching operator delete is replaced too,
// so that a checker such as AddressSanitizer sees the pair.  Under another
// malloc (a checker's) the heap does not grow and nothing is marked.  Only
// the command does this; the library leaves the choice to the program that
// loads it.
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr std::uintptr_t small_page = 4096, huge_page = 2 << 20;
constexpr std::size_t reserve = std::size_t{16} << 20, kept = std::size_t{32} << 20;

bool grow_heap_on_huge_pages()
{
	mallopt(M_MMAP_THRESHOLD, kept);
	mallopt(M_TRIM_THRESHOLD, kept);
	// A 2 MiB range in which a small page was touched stays on small pages.
	// The growth starts one small page below a 2 MiB boundary (the program's
	// own sbrk skips to there: glibc allows it, and the skipped addresses stay
	// unused), so that glibc's records of it go in that page, and all that
	// follows can be huge pages.
	auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
	std::uintptr_t first = (end + small_page + huge_page - 1) / huge_page * huge_page;
	if (sbrk(static_cast<std::intptr_t>(first - small_page - end)) == reinterpret_cast<void *>(-1))
		return false;
	void *volatile grown = std::malloc(reserve); // volatile: not optimised away
	std::free(grown);
	std::uintptr_t last = reinterpret_cast<std::uintptr_t>(sbrk(0)) / huge_page * huge_page;
	if (last > first) // a hint: failure changes nothing
		madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE);
	return true;
}

void prepare_heap()
{
	static const bool prepared = grow_heap_on_huge_pages();
	(void)prepared;
}

// Should nothing use operator new before main, the heap is prepared then.
const bool prepared_at_start = (prepare_heap(), true);

} // namespace

void *operator new(std::size_t n)
{
	prepare_heap();
	void *p = std::malloc(n ? n : 1);
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
