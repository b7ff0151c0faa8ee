/* suites.h: the CUnit suites of the unit-test program. */
#ifndef DEXSIM_TEST_SUITES_H
#define DEXSIM_TEST_SUITES_H

#include <CUnit/CUnit.h>

void add_hwconfig_suite(void);
void add_network_suite(void);
void add_mapping_suite(void);
void add_kernels_suite(void);
void add_model_suite(void);
void add_weights_suite(void);
void add_yamlfile_suite(void);
void add_inputs_suite(void);
void add_checkpoint_suite(void);
void add_ckptnet_suite(void);
void add_api_suite(void);
void add_sha256_suite(void);

/* Path of a file in the source tree. */
const char *src_path(const char *relative);

#endif
