// This file was @generated automatically

#define SAMPLE_OUTPUT { \
  0x50401000, 0xffffffff, 0x00000002, 0xffff9810, 0x0000775e, 0x00000000 \
}
