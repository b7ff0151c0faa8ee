#!/usr/bin/env python3
"""Writes the checkpoint fixtures of tests/unit/test_checkpoint.c.

Run once (python3 with numpy) and commit the output; the unit test checks
the values set here:  tests/tools/make_checkpoint_fixtures.py tests/checkpoint
"""
import os
import sys
import zipfile

import numpy as np

import write_checkpoint as wc


def written(out):
    """Every storage type, a scalar, an empty tensor, prefixed and plain names,
    a non-tensor entry, extras, and a folder not named 'archive'."""
    weight = (np.arange(18, dtype=np.float32) - 9).reshape(2, 1, 3, 3)
    items = [
        ('module.conv1.output_shift', np.array([-1.0], np.float32)),
        ('module.conv1.weight_bits', np.array([8], np.int64)),
        ('module.conv1.op.weight', weight),
        ('module.conv1.op.bias', np.array([128.0, -256.0], np.float32)),
        ('conv1.op.weight', weight),
        ('pool1.output_shift', np.array([0.0], np.float32)),
        ('note', 'not a tensor'),
        ('dtypes.f64', np.array([0.5, -2.25])),
        ('dtypes.f16', np.array([1.5, 2.0 ** -14, 65504.0], np.float16)),
        ('dtypes.i32', np.array([-2 ** 31, 7], np.int32)),
        ('dtypes.i16', np.array([-32768, 32767], np.int16)),
        ('dtypes.i8', np.array([-128, 127], np.int8)),
        ('dtypes.u8', np.array([0, 255], np.uint8)),
        ('dtypes.bool', np.array([True, False])),
        ('scalar', np.array(2.5, np.float32)),
        ('empty', np.zeros((0, 3), np.float32)),
    ]
    # Arbitrary extras, as in real files (None, one-item list and dict, ints > 255).
    extras = {'best_top1': 99.25, 'clipping_method': 'MAX_BIT_SHIFT',
              'scale': np.array(4.0, np.float32), 'history': [1, 2, 3], 'lr': [0.1],
              'best_epoch': 300, 'current_mAP': None, 'cfg': {'bits': 8}}
    wc.write(os.path.join(out, 'written.pth.tar'), 'ai85testnet', items, extras,
             epoch=190, folder='mnist_q')
    # The same with protocol 4's opcodes (FRAME, STACK_GLOBAL, MEMOIZE, ...).
    wc.write(os.path.join(out, 'written-protocol4.pth.tar'), 'ai85testnet', items, extras,
             epoch=190, protocol=4)


def views(out):
    """Non-contiguous tensors and tensors sharing one storage at offsets."""
    floats = wc.Storage(np.arange(6, dtype=np.float32))
    shorts = wc.Storage(np.arange(10, dtype=np.int16) * 10)
    items = [
        ('transposed', wc.Tensor(floats, 0, (3, 2), (1, 3))),   # 0 3 1 4 2 5
        ('head', wc.Tensor(shorts, 0, (4,), (1,))),              # 0 10 20 30
        ('tail', wc.Tensor(shorts, 4, (2, 3), (3, 1))),          # 40 .. 90
        ('every_third', wc.Tensor(shorts, 1, (3,), (3,))),       # 10 40 70
        ('repeated', wc.Tensor(shorts, 9, (2, 2), (0, 0))),      # 90 x 4
    ]
    wc.write(os.path.join(out, 'views.pth.tar'), 'views', items)


def pairing(out):
    """For tests/unit/test_ckptnet.c with tests/nets/pairing.yaml: names with a
    module. prefix and without, bits as float and as int, the bias scale, ±1
    weights, and a duplicate weight left over after the last layer."""
    conv = (np.arange(108, dtype=np.float32) % 16 - 8).reshape(4, 3, 3, 3)   # -8..7: 4-bit
    lin = np.where(np.arange(20) % 3 == 0, -1.0, 1.0).astype(np.float32).reshape(5, 4, 1, 1)
    items = [
        ('module.conv1.op.weight', conv),
        ('module.conv1.op.bias', np.array([-1024.0, -9.0, 5.0, 1016.0], np.float32)),  # x 2^(4-1)
        ('module.conv1.weight_bits', np.array([4.0], np.float32)),
        ('module.conv1.output_shift', np.array([-1.0], np.float32)),
        ('lin.weight', lin),
        ('lin.weight_bits', np.array([2], np.int64)),
        ('conv1.op.weight', conv),   # a plain copy, as some vendor files have: left over
    ]
    wc.write(os.path.join(out, 'pairing.pth.tar'), 'pairing', items)


def raw(path, pkl):
    wc.write_archive(path, pkl, {})


def bad(out):
    """One problem each; the test expects an error naming it."""
    os.makedirs(out, exist_ok=True)
    path = lambda name: os.path.join(out, name + '.pth.tar')
    weight = [('w', np.arange(9, dtype=np.float32).reshape(3, 3))]

    with open(path('empty'), 'wb'):
        pass
    with open(path('not-zip'), 'wb') as f:
        f.write(b'this is not a checkpoint\n' * 4)
    wc.write(path('good'), 'net', weight)
    with open(path('good'), 'rb') as f:
        good = f.read()
    os.remove(path('good'))
    with open(path('truncated'), 'wb') as f:
        f.write(good[:len(good) * 2 // 3])
    # A changed byte in the storage's data fails its CRC.
    at = good.index(np.arange(9, dtype=np.float32).tobytes()) + 5
    with open(path('corrupt-entry'), 'wb') as f:
        f.write(good[:at] + bytes([good[at] ^ 0x40]) + good[at + 1:])

    pkl, storages = wc.pickle_bytes('net', weight)
    wc.write_archive(path('missing-storage'), pkl, storages, skip={'0'})
    short = dict(storages, **{'0': wc.Storage(np.arange(5, dtype=np.float32))})
    wc.write_archive(path('short-storage'), pkl, short)
    # 'V' (UNICODE, a protocol-0 opcode) where the first BINUNICODE is, at offset 6.
    assert pkl[6:7] == b'X'
    wc.write_archive(path('bad-opcode'), pkl[:6] + b'V' + pkl[7:], storages)

    nine = wc.Storage(np.arange(9, dtype=np.float32))
    wc.write(path('overrun'), 'net', [('w', wc.Tensor(nine, 2, (3, 3), (3, 1)))])
    wc.write(path('bad-storage-type'), 'net',
             [('w', wc.Tensor(wc.Storage(np.zeros(2, np.float32), 'ComplexFloatStorage'),
                              0, (1,), (1,)))])
    raw(path('deep'), b'\x80\x02' + b']' * 20000 + b'.')
    raw(path('huge-string'), b'\x80\x02X\xff\xff\xff\xffabc.')
    raw(path('no-state-dict'), wc.pickle_bytes('net', [])[0].replace(b'state_dict',
                                                                    b'state_dixt'))
    with zipfile.ZipFile(path('no-pickle'), 'w') as z:
        z.writestr(zipfile.ZipInfo('archive/version', (1980, 1, 1, 0, 0, 0)), b'3\n')


def main(argv):
    out = argv[1] if len(argv) > 1 else 'tests/checkpoint'
    written(out)
    views(out)
    pairing(out)
    bad(os.path.join(out, 'bad'))


if __name__ == '__main__':
    main(sys.argv)
