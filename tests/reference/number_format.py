"""The MAX7800x number format, written from its published description.

An independent reference for dexsim's arithmetic kernels.  Sources: the
ai8x-synthesis and ai8x-training READMEs ("Number Format": weights, biases,
the output shift, rounding and clipping); PyTorch's definitions of Conv1d, Conv2d, ConvTranspose2d,
MaxPool2d and AvgPool2d for the shapes.  Nothing here is derived from
dexsim's C code; where the two could share a mistake, this file uses a
different formulation (shifted slices instead of gathered windows, a
scatter-add transposed convolution, floating-point scaling).

Tensors are NumPy int64 arrays [C, H, W] ([C, L] for conv1d, [N] for linear).
"""

import numpy as np

INT8_MIN, INT8_MAX = -128, 127
BIAS_SCALE = 128  # a bias byte is added to the accumulator times 128


def weight_range(bits, binary=False):
    """Values a layer's weights may take."""
    if binary:
        return (-1, 1)
    return (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def pool2d(x, op, size, stride):
    """Max or average pooling without padding; the average truncates toward zero."""
    (ph, pw), (sh, sw) = size, stride
    _, h, w = x.shape
    oh, ow = (h - ph) // sh + 1, (w - pw) // sw + 1
    windows = np.stack([x[:, i:i + sh * (oh - 1) + 1:sh, j:j + sw * (ow - 1) + 1:sw]
                        for i in range(ph) for j in range(pw)])
    if op == 'max':
        return windows.max(axis=0)
    total = windows.sum(axis=0)
    n = ph * pw
    return np.sign(total) * (np.abs(total) // n)


def eltwise(op, operands):
    """Element-wise add/sub/xor/or of 2..16 operands, clipped to int8 at the end."""
    out = operands[0].astype(np.int64)
    for other in operands[1:]:
        if op == 'add':
            out = out + other
        elif op == 'sub':
            out = out - other
        elif op == 'xor':
            out = np.bitwise_xor(out, other)
        elif op == 'or':
            out = np.bitwise_or(out, other)
        else:
            raise ValueError(op)
    return np.clip(out, INT8_MIN, INT8_MAX)


def conv2d(x, weight, bias, pad, groups=1):
    """PyTorch Conv2d with stride 1, exact: sum over shifted slices of the padded input."""
    c, h, w = x.shape
    out_c, per_group, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, w + 2 * pad - kw + 1
    acc = np.zeros((out_c, oh, ow), dtype=np.int64)
    in_per_out = c // groups
    for ky in range(kh):
        for kx in range(kw):
            window = xp[:, ky:ky + oh, kx:kx + ow]
            if groups == 1:
                acc += np.einsum('oc,chw->ohw', weight[:, :, ky, kx], window)
            else:
                for o in range(out_c):
                    g = o // (out_c // groups)
                    acc[o] += np.einsum('c,chw->hw', weight[o, :, ky, kx],
                                        window[g * in_per_out:(g + 1) * in_per_out])
    if bias is not None:
        acc += bias[:, None, None] * BIAS_SCALE
    return acc


def conv1d(x, weight, bias, pad, dilation):
    """PyTorch Conv1d with stride 1 and dilation."""
    c, length = x.shape
    out_c, _, k = weight.shape
    xp = np.pad(x, ((0, 0), (pad, pad)))
    ol = length + 2 * pad - dilation * (k - 1)
    acc = np.zeros((out_c, ol), dtype=np.int64)
    for t in range(k):
        acc += weight[:, :, t] @ xp[:, t * dilation:t * dilation + ol]
    if bias is not None:
        acc += bias[:, None] * BIAS_SCALE
    return acc


def convtranspose2d(x, weight, bias, pad):
    """3x3 stride-2 transposed convolution with output padding 1.

    dexsim's (and the vendor's) weights are the kernel of the equivalent
    direct convolution of the zero-spread input; PyTorch's ConvTranspose2d
    kernel is that kernel flipped.  Computed here as PyTorch defines it: every
    input value scatters kernel x value into the output at 2i - pad + k.
    """
    c, h, w = x.shape
    out_c, _, kh, kw = weight.shape
    torch_kernel = weight[:, :, ::-1, ::-1]
    oh = (h - 1) * 2 - 2 * pad + (kh - 1) + 1 + 1
    ow = (w - 1) * 2 - 2 * pad + (kw - 1) + 1 + 1
    # Scatter into a frame wide enough for the pad offset, then crop.
    frame = np.zeros((out_c, 2 * h + kh + 1, 2 * w + kw + 1), dtype=np.int64)
    for ky in range(kh):
        for kx in range(kw):
            contrib = np.einsum('oc,chw->ohw', torch_kernel[:, :, ky, kx], x)
            frame[:, ky:ky + 2 * h:2, kx:kx + 2 * w:2] += contrib
    acc = frame[:, pad:pad + oh, pad:pad + ow]
    if bias is not None:
        acc = acc + bias[:, None, None] * BIAS_SCALE
    return acc


def linear(x, weight, bias):
    """Fully connected on the input flattened channel-major (PyTorch's flatten)."""
    acc = weight.astype(np.int64) @ x.reshape(-1)
    if bias is not None:
        acc += bias * BIAS_SCALE
    return acc


def output_stage(acc, output_shift, weight_bits, activation, output_width=8):
    """Scale by 2^s / 128 with s = output_shift + 8 - weight_bits, round half up,
    clip to int8, activate; or the unscaled 32-bit accumulator."""
    if output_width == 32:
        if activation == 'relu':
            return np.maximum(acc, 0)
        if activation == 'abs':
            return np.abs(acc)
        return acc
    s = output_shift + 8 - weight_bits
    # Exact in float64: |acc| < 2^40 and the scale is a power of two.
    y = np.floor(0.5 + acc.astype(np.float64) * 2.0 ** s / 128.0).astype(np.int64)
    return activate8(np.clip(y, INT8_MIN, INT8_MAX), activation)


def activate8(y, activation):
    """ReLU clips to [0, 127]; Abs takes |y| and clips it to 127."""
    if activation == 'relu':
        return np.clip(y, 0, INT8_MAX)
    if activation == 'abs':
        return np.minimum(np.abs(y), INT8_MAX)
    return y
