#define SAMPLE_OUTPUT                                                                           \
    {                                                                                           \
        0x50401000, 0xffffffff, 0x00000004, 0xfffecf58, 0x00016cc1, 0x0000b1ac, 0x0000749a,     \
            0x50409000, 0xffffffff, 0x00000004, 0xffff7268, 0xfffe0062, 0xfffbd7f1, 0x00065b68, \
            0x50411000, 0xffffffff, 0x00000002, 0xfffdbad1, 0x000061f1, 0x00000000              \
    }
