#!/usr/bin/env python3
"""Decode the vendor's known answer (MSDK `sampleoutput.h`) into output tensors.

Standalone (Python 3 + NumPy only).  Written from the vendor's code generator
ai8x-synthesis (izer/), commit ab4f4c0 (2024-08-30), not from dexsim.

sampleoutput.h format (izer/apbaccess.py, verify_unload_finalize(), l. 851-940)
------------------------------------------------------------------------------
`#define SAMPLE_OUTPUT { addr, mask, count, v0, v1, ..., addr, mask, count, ..., 0 }`
Each block: `count` consecutive 32-bit words starting at APB address `addr`,
compared as `(*addr & mask) == v`.  Blocks are sorted by (mask, address) and
the list ends with a single 0.  A partially checked word (8-bit output where
fewer than four processors of an instance are used) has mask 0xff, 0xffff,
0xffffff, possibly shifted left by 8*first_lane (apbaccess.py verify(),
l. 1230-1310).  With --max-checklines N (state.max_count) the list may be
truncated; the decoder reports channels/pixels with no word as missing.

Address map (izer/tornadocnn.py and izer/unload.py verify(), l. 464-640)
------------------------------------------------------------------------
                    MAX78000 (DevAI85)        MAX78002 (DevAI87)
  APB_BASE          0x50000000 (l. 185)       0x50000000 (l. 332)
  C_CNN_BASE        0x00100000 (l. 191)       0x01000000 (l. 338)
  C_SRAM_BASE       C_CNN_BASE + 0x300000     C_CNN_BASE + 0x800000
  C_GROUP_OFFS      0x00400000 (quadrant)     0x01000000
  INSTANCE_SIZE     2048 words (per lane)     8192 words (incl. holes;
                                              5120 real, INSTANCE_WIDTH)
  => data memory of quadrant q, instance i (i = 0..3, processors 4i..4i+3
     of the quadrant) starts at
     MAX78000: 0x50400000 + q*0x400000 + i*0x8000   (0x8000 bytes/instance)
     MAX78002: 0x51800000 + q*0x1000000 + i*0x20000 (0x20000 bytes of address
               space/instance, 5120*4*4 = 0x14000 bytes populated)

Processor p (0..63) is in quadrant p//16, instance (p%16)//4, byte lane p%4.
unload.py l. 598-601:
  offs = C_SRAM_BASE + out_offset +
         (((proc % P_NUMPRO) * INSTANCE_SIZE | (proc // P_NUMPRO) * C_GROUP_OFFS // 4)
          + (doffs * width + expand * out_size) * (write_gap + 1)) * 4
with proc = first processor of the instance (multiple of 4), doffs = row*W + col
(the pixel index, HWC order), out_size = output_width // 8 (1 or 4),
width = out_expand * out_size, expand = c // out_expand_thresh (the pass).

Channel -> processor assignment (unload.py l. 560-597): channels are handed to
the set bits of the output processor mask in increasing order, starting at the
instance of the lowest set bit; every out_expand_thresh channels the
assignment wraps back to the first processor and `expand` (the pass) grows.
  out_expand        = ceil(C / 64)                      (max7800x.py l. 452)
  out_expand_thresh = ceil(C / out_expand), and if C > 64 rounded up to a
                      multiple of 4, at most 64          (max7800x.py l. 453-457)
8-bit output: word index within the instance = (pixel * passes + pass)
  * (write_gap+1); the channel of processor p is byte lane p%4 (bits
  8*(p%4)..8*(p%4)+7), two's complement int8.
32-bit output: each processor's value is a whole 32-bit word (two's complement
  int32); the four lanes of an instance are four consecutive words:
  word index = (pixel * passes * 4 + pass * 4 + p%4) * (write_gap+1)
  (unload.py l. 580-588 builds val[0..3], l. 620-636 writes them at
  offs, offs+4, offs+8, offs+12).
  MAX78002 check: Examples/MAX78002/CNN/kws20_demo/sampleoutput.h (21 x int32, mask
  0x1fffff, offset 0x2000) has words at 0x51802000.. and 0x52802000.. and decodes with
  no uncovered or missing word.
  Example (MNIST, mask 0x3ff, offset 0x1000, 10 ch, 1x1): ch 0-3 at
  0x50401000..0x5040100c, ch 4-7 at 0x50409000.., ch 8-9 at 0x50411000..

Usage
-----
  known_answer.py decode  --device MAX78000 --processors 0x3ff --offset 0x1000 \
      --channels 10 --rows 1 --cols 1 --width 32 sampleoutput.h out.npy
  known_answer.py compare sampleoutput.h dexsim_output.npy [same options]
  known_answer.py decode  --layout layout.txt sampleoutput.h out.npy
For several outputs, give --layout with several [output] sections (keys before
the first section are shared), or repeat --processors/--offset/--channels/...
once per output; decode then writes out.npy as
out_0.npy, out_1.npy, ... and compare takes one .npy per layout.
compare exits 0 when equal, 1 (printing the first difference) otherwise.
"""
import argparse
import re
import sys

import numpy as np

DEVICES = {
    # name: (data memory base, quadrant offset (bytes), INSTANCE_SIZE (words))
    'MAX78000': (0x50000000 + 0x100000 + 0x300000, 0x400000, 2048),
    'MAX78002': (0x50000000 + 0x1000000 + 0x800000, 0x1000000, 8192),
}
ALIASES = {'AI85': 'MAX78000', '85': 'MAX78000', 'AI87': 'MAX78002', '87': 'MAX78002'}


def parse_sampleoutput(text):
    """Return {address: (value, mask)} from the text of a sampleoutput.h."""
    m = re.search(r'SAMPLE_OUTPUT[^{]*\{(.*?)\}', text, re.S)
    if m is None:
        raise ValueError('no SAMPLE_OUTPUT array found')
    body = re.sub(r'\\\s*\n', ' ', m.group(1))
    nums = [int(t, 0) for t in re.findall(r'0[xX][0-9a-fA-F]+|\d+', body)]
    words = {}
    i = 0
    while i < len(nums):
        addr = nums[i]
        if addr == 0:
            break
        mask, count = nums[i + 1], nums[i + 2]
        vals = nums[i + 3:i + 3 + count]
        if len(vals) != count:
            raise ValueError(f'truncated block at 0x{addr:08x}')
        for k, v in enumerate(vals):
            a = addr + 4 * k
            if a in words:
                raise ValueError(f'address 0x{a:08x} listed twice')
            words[a] = (v, mask)
        i += 3 + count
    return words


class Layout:
    """Output layout of one output layer."""

    def __init__(self, device, processors, offset, channels, rows=1, cols=1,
                 width=8, write_gap=0, name=None):
        device = ALIASES.get(str(device).upper(), str(device).upper())
        if device not in DEVICES:
            raise ValueError(f'unknown device {device}')
        if width not in (8, 32):
            raise ValueError('width must be 8 or 32')
        self.device = device
        self.processors = int(processors)
        self.offset = int(offset)
        self.channels = int(channels)
        self.rows = int(rows)
        self.cols = int(cols)
        self.width = int(width)
        self.write_gap = int(write_gap)
        self.name = name
        if bin(self.processors).count('1') == 0:
            raise ValueError('empty processor mask')

    def __repr__(self):
        return (f'Layout({self.device}, processors=0x{self.processors:016x}, '
                f'offset=0x{self.offset:x}, C={self.channels}, H={self.rows}, '
                f'W={self.cols}, width={self.width}, write_gap={self.write_gap})')

    def expansion(self):
        """(out_expand, out_expand_thresh) as izer computes them."""
        c = self.channels
        expand = (c + 63) // 64
        thresh = (c + expand - 1) // expand
        if c > 64:
            thresh = min((thresh + 3) & ~3, 64)
        return expand, thresh

    def channel_map(self):
        """For each channel: (processor, pass). Mirrors unload.py verify()."""
        _, thresh = self.expansion()
        procs = [p for p in range(64) if self.processors >> p & 1]
        if thresh > len(procs):
            raise ValueError(f'{self.channels} channels need {thresh} processors per '
                             f'pass, mask has {len(procs)}')
        return [(procs[c % thresh], c // thresh) for c in range(self.channels)]

    def locate(self, c, pixel):
        """APB address of the word holding channel c at pixel index pixel, and the
        byte lane (8-bit) or None (32-bit)."""
        base, quad, inst_words = DEVICES[self.device]
        expand, _ = self.expansion()
        proc, pas = self.channel_map()[c]
        q, p16 = divmod(proc, 16)
        inst_base = base + q * quad + (p16 & ~3) * inst_words * 4 + self.offset
        gap = self.write_gap + 1
        if self.width == 8:
            word = (pixel * expand + pas) * gap
            return inst_base + 4 * word, proc % 4
        word = (pixel * expand * 4 + pas * 4) * gap + (proc % 4)
        # unload.py adds out_size (=4 bytes) per lane without the write-gap factor
        return inst_base + 4 * word, None

    def shape(self):
        if self.rows == 1 and self.cols == 1:
            return (self.channels,)
        return (self.channels, self.rows, self.cols)


def decode(words, layout):
    """Return (array, missing) where missing is a list of (c, row, col) with no
    known answer (truncated lists).  Values are signed ints (int64 array)."""
    out = np.zeros((layout.channels, layout.rows, layout.cols), dtype=np.int64)
    missing = []
    for c in range(layout.channels):
        for pix in range(layout.rows * layout.cols):
            row, col = divmod(pix, layout.cols)
            addr, lane = layout.locate(c, pix)
            if addr not in words:
                missing.append((c, row, col))
                continue
            val, mask = words[addr]
            if lane is None:
                if mask != 0xffffffff:
                    raise ValueError(f'32-bit output word 0x{addr:08x} has mask 0x{mask:x}')
                v = val - (1 << 32) if val & 0x80000000 else val
            else:
                if (mask >> (8 * lane)) & 0xff != 0xff:
                    missing.append((c, row, col))
                    continue
                v = (val >> (8 * lane)) & 0xff
                v = v - 256 if v & 0x80 else v
            out[c, row, col] = v
    return out.reshape(layout.shape()), missing


def used_addresses(layouts):
    s = set()
    for lay in layouts:
        for c in range(lay.channels):
            for pix in range(lay.rows * lay.cols):
                s.add(lay.locate(c, pix)[0])
    return s


def read_layout_file(path):
    """layout.txt: `key = value` lines; a line `[output]` starts a new layout.
    Keys: device, processors, offset, channels, rows, cols, width, write_gap, name.
    Other keys are informational and ignored."""
    layouts, cur = [], None
    keys = {'device', 'processors', 'offset', 'channels', 'rows', 'cols', 'width',
            'write_gap', 'name'}
    common = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            if line.lower() == '[output]':
                cur = dict(common)
                layouts.append(cur)
                continue
            if '=' not in line:
                continue
            k, v = (t.strip() for t in line.split('=', 1))
            k = k.lower()
            if k not in keys:
                continue
            if k not in ('device', 'name'):
                v = int(v, 0)
            if cur is None:
                common[k] = v
            else:
                cur[k] = v
    if not layouts:
        layouts = [common]
    return [Layout(**d) for d in layouts]


def _add_layout_args(p):
    p.add_argument('--layout', help='layout file (see read_layout_file)')
    p.add_argument('--device', default='MAX78000')
    p.add_argument('--processors', type=lambda x: int(x, 0), action='append')
    p.add_argument('--offset', type=lambda x: int(x, 0), action='append')
    p.add_argument('--channels', type=int, action='append')
    p.add_argument('--rows', type=int, action='append')
    p.add_argument('--cols', type=int, action='append')
    p.add_argument('--width', type=int, action='append')
    p.add_argument('--write-gap', type=int, action='append')


def _layouts_from_args(a):
    if a.layout:
        return read_layout_file(a.layout)
    if not a.processors:
        raise SystemExit('give --layout or --processors/--offset/--channels/...')
    n = len(a.processors)

    def pick(lst, i, default):
        if not lst:
            return default
        return lst[i] if i < len(lst) else lst[-1]
    return [Layout(a.device, a.processors[i], pick(a.offset, i, 0), pick(a.channels, i, None),
                   pick(a.rows, i, 1), pick(a.cols, i, 1), pick(a.width, i, 8),
                   pick(a.write_gap, i, 0)) for i in range(n)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('decode', help='decode sampleoutput.h into .npy')
    _add_layout_args(d)
    d.add_argument('sampleoutput')
    d.add_argument('out', help='output .npy (several layouts: out_0.npy, ...)')
    c = sub.add_parser('compare', help='compare a .npy with the known answer')
    _add_layout_args(c)
    c.add_argument('sampleoutput')
    c.add_argument('actual', nargs='+', help='one .npy per layout')
    a = ap.parse_args(argv)

    with open(a.sampleoutput, encoding='utf-8') as f:
        words = parse_sampleoutput(f.read())
    layouts = _layouts_from_args(a)
    unused = set(words) - used_addresses(layouts)
    if unused:
        print(f'warning: {len(unused)} words of {a.sampleoutput} are not covered by the '
              f'layout(s), e.g. 0x{min(unused):08x}', file=sys.stderr)

    if a.cmd == 'decode':
        for i, lay in enumerate(layouts):
            arr, missing = decode(words, lay)
            if missing:
                print(f'warning: layout {i}: {len(missing)} values have no known answer '
                      f'(first: c,row,col={missing[0]}); stored as 0', file=sys.stderr)
            out = a.out if len(layouts) == 1 else re.sub(r'(\.npy)?$', f'_{i}.npy', a.out, 1)
            np.save(out, arr)
            print(f'{out}: {lay} -> shape {arr.shape}')
            if arr.ndim == 1:
                print('  values:', arr.tolist(), ' argmax:', int(np.argmax(arr)))
        return 0

    if len(a.actual) != len(layouts):
        raise SystemExit(f'{len(layouts)} layouts but {len(a.actual)} .npy files')
    rc = 0
    for i, (lay, path) in enumerate(zip(layouts, a.actual)):
        exp, missing = decode(words, lay)
        act = np.load(path)
        if act.size != exp.size:
            print(f'output {i}: shape {act.shape} does not match expected {exp.shape}')
            rc = 1
            continue
        act = act.reshape(exp.shape).astype(np.int64)
        if lay.width == 8:
            act = np.where(act > 127, act - 256, act) if np.load(path).dtype == np.uint8 else act
        known = np.ones(exp.shape, dtype=bool)
        for (cc, rr, ww) in missing:
            known.reshape(lay.channels, lay.rows, lay.cols)[cc, rr, ww] = False
        diff = (act != exp) & known
        if diff.any():
            idx = np.argwhere(diff.reshape(lay.channels, lay.rows, lay.cols))[0]
            cc, rr, ww = (int(t) for t in idx)
            e = exp.reshape(lay.channels, lay.rows, lay.cols)[cc, rr, ww]
            g = act.reshape(lay.channels, lay.rows, lay.cols)[cc, rr, ww]
            addr, lane = lay.locate(cc, rr * lay.cols + ww)
            print(f'output {i}: MISMATCH at channel {cc}, row {rr}, col {ww}: expected {e}, '
                  f'got {g} (word 0x{addr:08x}{"" if lane is None else f" lane {lane}"}); '
                  f'{int(diff.sum())} of {int(known.sum())} values differ')
            rc = 1
        else:
            print(f'output {i}: {int(known.sum())} values equal'
                  + (f' ({len(missing)} not in the known answer)' if missing else ''))
    return rc


if __name__ == '__main__':
    sys.exit(main())
