/* test_sha256.c: SHA-256 against the FIPS 180-4 examples (NIST's "abc",
 * the 448-bit message, one million 'a') and the empty message. */
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "suites.h"

static void check(const char *message, size_t len, const char *want)
{
	char hex[65];

	sha256_hex(message, len, hex);
	CU_ASSERT_STRING_EQUAL(hex, want);
}

static void test_vectors(void)
{
	char *million = malloc(1000000);

	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(million);
	memset(million, 'a', 1000000);
	check(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

void add_sha256_suite(void)
{
	CU_pSuite suite = CU_add_suite("sha256", NULL, NULL);

	CU_add_test(suite, "FIPS 180-4 examples", test_vectors);
}
