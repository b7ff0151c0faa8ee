/* main.c: runs every unit-test suite; exits non-zero if any test fails. */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "suites.h"

const char *src_path(const char *relative)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", TEST_SRCDIR, relative);
	return path;
}

int main(void)
{
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	add_hwconfig_suite();
	add_network_suite();
	add_mapping_suite();
	add_kernels_suite();
	add_inputs_suite();
	add_checkpoint_suite();
	add_ckptnet_suite();
	add_model_suite();
	add_weights_suite();
	add_yamlfile_suite();
	add_api_suite();
	add_sha256_suite();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
