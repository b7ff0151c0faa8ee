#!/usr/bin/env python3
"""Writes PyTorch checkpoints (*.pth.tar) without PyTorch, for tests.

The output has the layout torch.save gives and ai8x-training's quantize.py
files have: a zip archive, stored without compression, holding
<folder>/data.pkl (a protocol-2 pickle of a dict with 'epoch', 'state_dict',
'arch' and 'extras'), one <folder>/data/<key> per tensor storage with its raw
little-endian bytes, and <folder>/version.  In the pickle each tensor is
torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False,
OrderedDict()) with the storage a persistent id ('storage',
torch.<Type>Storage, key, 'cpu', numel), and the state_dict is a
collections.OrderedDict, so the GLOBAL opcodes name the same things as in real
files.  Python's pickle would check that a global can be imported, which would
need torch; the pure-Python pickler is used instead, with the torch names
written as they are.

As a module:  write(path, arch, [(name, array or Tensor or other value), ...],
extras={...}); numpy arrays become contiguous tensors with storages of their
own, Tensor gives views (any stride and offset) of a Storage that several
tensors may share.  As a command:  write_checkpoint.py OUT.pth.tar ARCH IN.npz
writes the arrays of IN.npz as the state_dict, in the order they are stored.
"""
import collections
import io
import pickle
import sys
import zipfile

import numpy as np

STORAGE_TYPES = {
    np.dtype('float64'): 'DoubleStorage', np.dtype('float32'): 'FloatStorage',
    np.dtype('float16'): 'HalfStorage', np.dtype('int64'): 'LongStorage',
    np.dtype('int32'): 'IntStorage', np.dtype('int16'): 'ShortStorage',
    np.dtype('int8'): 'CharStorage', np.dtype('uint8'): 'ByteStorage',
    np.dtype('bool'): 'BoolStorage',
}


class Global:
    """A module-level name, pickled as GLOBAL 'module name' without importing it."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):
        raise TypeError('a stand-in for %s.%s' % (self.module, self.name))


REBUILD_TENSOR = Global('torch._utils', '_rebuild_tensor_v2')
_STORAGE_GLOBALS = {}


def storage_global(type_name):
    """One Global per storage type, so later uses are memo references as in torch."""
    return _STORAGE_GLOBALS.setdefault(type_name, Global('torch', type_name))


class Storage:
    """The flat values of one storage file; type_name overrides the dtype's."""

    def __init__(self, values, type_name=None):
        self.values = np.ascontiguousarray(values).reshape(-1)
        self.type_name = type_name or STORAGE_TYPES[self.values.dtype]
        self.numel = self.values.size


class Tensor:
    """A view of a Storage: size, stride and offset in elements."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset = storage, offset
        self.size, self.stride = tuple(size), tuple(stride)

    def __reduce_ex__(self, protocol):
        return (REBUILD_TENSOR, (self.storage, self.offset, self.size, self.stride, False,
                                 collections.OrderedDict()))


def tensor(array):
    """A contiguous tensor with its own storage."""
    a = np.asarray(array, order='C')  # ascontiguousarray would make 0-d arrays 1-d
    strides = tuple(s // a.itemsize for s in a.strides)
    return Tensor(Storage(a), 0, a.shape, strides)


class _Pickler(pickle._Pickler):
    """torch.save's pickler: storages become persistent ids, keyed in order of use."""

    def __init__(self, file, protocol):
        super().__init__(file, protocol=protocol)
        self.storages = {}

    def persistent_id(self, obj):
        if not isinstance(obj, Storage):
            return None
        key = self.storages.setdefault(id(obj), (str(len(self.storages)), obj))[0]
        return ('storage', storage_global(obj.type_name), key, 'cpu', obj.numel)

    def save(self, obj, save_persistent_id=True):
        if not isinstance(obj, Global):
            super().save(obj, save_persistent_id)
        elif id(obj) in self.memo:
            self.write(self.get(self.memo[id(obj)][0]))
        elif self.proto >= 4:
            self.save(obj.module)
            self.save(obj.name)
            self.write(pickle.STACK_GLOBAL)
            self.memoize(obj)
        else:
            self.write(pickle.GLOBAL + ('%s\n%s\n' % (obj.module, obj.name)).encode())
            self.memoize(obj)


def _as_value(v):
    return tensor(v) if isinstance(v, np.ndarray) else v


def pickle_bytes(arch, state_dict_items, extras=None, epoch=0, protocol=2):
    """The data.pkl of a checkpoint and the storages it refers to, by key;
    torch.save uses protocol 2, later ones only test the reader's opcodes."""
    state_dict = collections.OrderedDict((k, _as_value(v)) for k, v in state_dict_items)
    top = {'epoch': epoch, 'state_dict': state_dict, 'arch': arch,
           'extras': {k: _as_value(v) for k, v in (extras or {}).items()}}
    buf = io.BytesIO()
    p = _Pickler(buf, protocol)
    p.dump(top)
    return buf.getvalue(), dict(p.storages.values())


def _add(z, name, data):
    """A stored entry whose data starts on a 64-byte boundary, padded like torch's
    writer with an 'FB' extra field of 'Z's (torch maps storages in place)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    start = z.fp.tell() + 30 + len(name.encode())
    pad = -(start + 4) % 64
    info.extra = b'FB' + pad.to_bytes(2, 'little') + b'Z' * pad
    z.writestr(info, data, compress_type=zipfile.ZIP_STORED)


def write_archive(path, pkl, storages, folder='archive', skip=()):
    """The zip of torch.save; storage keys in skip are left out (for tests)."""
    with zipfile.ZipFile(path, 'w') as z:
        _add(z, folder + '/data.pkl', pkl)
        for key in sorted(storages):
            if key not in skip:
                _add(z, '%s/data/%s' % (folder, key),
                     storages[key].values.astype(storages[key].values.dtype.newbyteorder('<'))
                     .tobytes())
        _add(z, folder + '/version', b'3\n')


def write(path, arch, state_dict_items, extras=None, epoch=0, folder='archive', protocol=2):
    pkl, storages = pickle_bytes(arch, state_dict_items, extras, epoch, protocol)
    write_archive(path, pkl, storages, folder)


def main(argv):
    if len(argv) != 4:
        sys.exit('usage: write_checkpoint.py OUT.pth.tar ARCH IN.npz')
    with np.load(argv[3]) as npz:
        items = [(name, npz[name]) for name in npz.files]
    write(argv[1], argv[2], items)


if __name__ == '__main__':
    main(sys.argv)
