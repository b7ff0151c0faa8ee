#!/usr/bin/env python3
"""Read a PyTorch (zip-format) checkpoint without torch, into NumPy arrays.

A checkpoint written by torch.save (>= 1.6) is a zip holding <root>/data.pkl (a
pickle whose tensors are persistent references to storages) and
<root>/data/<key> (the raw little-endian bytes of each storage).
Usage: python3 ckpt_reader.py CHECKPOINT  -- prints the state_dict keys, shapes,
dtypes and the other top-level entries.
"""
import collections
import pickle
import sys
import zipfile

import numpy as np

_DTYPES = {
    'FloatStorage': np.float32, 'DoubleStorage': np.float64,
    'HalfStorage': np.float16, 'LongStorage': np.int64, 'IntStorage': np.int32,
    'ShortStorage': np.int16, 'CharStorage': np.int8, 'ByteStorage': np.uint8,
    'BoolStorage': np.bool_,
}


class _Storage:
    def __init__(self, name):
        self.name = name


def _rebuild_tensor(storage, offset, size, stride, *_args):
    zf, root, key, dtype = storage
    raw = np.frombuffer(zf.read(f'{root}/data/{key}'), dtype=dtype)
    if len(size) == 0:
        return raw[offset].copy()
    itemsize = raw.itemsize
    return np.lib.stride_tricks.as_strided(
        raw[offset:], shape=tuple(size),
        strides=tuple(s * itemsize for s in stride)).copy()


def _rebuild_parameter(data, *_args):
    return data


def load(path):
    """Return the unpickled checkpoint (dicts of NumPy arrays)."""
    zf = zipfile.ZipFile(path)
    pkl = [n for n in zf.namelist() if n.endswith('/data.pkl')][0]
    root = pkl[:-len('/data.pkl')]

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if module == 'torch._utils' and name == '_rebuild_tensor_v2':
                return _rebuild_tensor
            if module == 'torch._utils' and name == '_rebuild_parameter':
                return _rebuild_parameter
            if module == 'collections' and name == 'OrderedDict':
                return dict
            if module == 'torch' and name.endswith('Storage'):
                return _Storage(name)
            if module.startswith('torch') or module.startswith('numpy'):
                try:
                    return super().find_class(module, name)
                except Exception:  # pylint: disable=broad-except
                    return lambda *a, **k: (module, name, a, k)
            return super().find_class(module, name)

        def persistent_load(self, pid):
            # ('storage', storage_type, key, location, numel)
            typ, key = pid[1], pid[2]
            name = typ.name if isinstance(typ, _Storage) else str(typ)
            return (zf, root, key, _DTYPES[name])

    with zf.open(pkl) as f:
        return Unpickler(f).load()


if __name__ == '__main__':
    ck = load(sys.argv[1])
    for k, v in ck.items():
        if k != 'state_dict':
            print(k, repr(v)[:200])
    for k, v in ck['state_dict'].items():
        print(k, getattr(v, 'shape', None), getattr(v, 'dtype', type(v)),
              v if np.ndim(v) == 0 else '')
