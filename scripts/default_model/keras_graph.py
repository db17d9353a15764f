"""Plain-torch rebuild of a Keras layers-model (nsfwjs's MobileNetV2 and InceptionV3) from its TFJS topology
and weights.

The Keras functional graph is executed layer by layer in its stored (topological) order, NCHW float32. TF's
``same`` padding is asymmetric for strided convolutions, so it is computed from the input size (constant once
exported at one size); ``same`` average pooling averages over the valid positions only, as TF does.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _same_pad(size, k, s):
    total = max((math.ceil(size / s) - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class KerasGraph(nn.Module):
    """Runs a Keras functional model; ``forward`` returns the named outputs (default: the model's)."""

    def __init__(self, model_json, weights):
        super().__init__()
        cfg = model_json["modelTopology"]["model_config"]["config"]
        self.layers = [(l["name"], l["class_name"], l["config"],
                        [n[0] for n in l["inbound_nodes"][0]] if l["inbound_nodes"] else [])
                       for l in cfg["layers"]]
        self.outputs = [o[0] for o in cfg["output_layers"]]
        self.params = nn.ParameterDict()
        for name, kind, conf, _ in self.layers:
            for key, tensor in self._torch_weights(name, kind, conf, weights).items():
                self.params[f"{name}__{key}"] = nn.Parameter(torch.from_numpy(tensor), requires_grad=False)

    @staticmethod
    def _torch_weights(name, kind, conf, w):
        if kind == "Conv2D":
            out = {"weight": np.ascontiguousarray(w[f"{name}/kernel"].transpose(3, 2, 0, 1))}
            if conf.get("use_bias"):
                out["bias"] = w[f"{name}/bias"]
            return out
        if kind == "DepthwiseConv2D":
            k = w[f"{name}/depthwise_kernel"]  # kh, kw, in, mult
            out = {"weight": np.ascontiguousarray(k.transpose(2, 3, 0, 1).reshape(-1, 1, k.shape[0], k.shape[1]))}
            if conf.get("use_bias"):
                out["bias"] = w[f"{name}/bias"]
            return out
        if kind == "BatchNormalization":
            g = w[f"{name}/gamma"] if conf.get("scale", True) else np.ones_like(w[f"{name}/moving_mean"])
            b = w[f"{name}/beta"] if conf.get("center", True) else np.zeros_like(g)
            m, v = w[f"{name}/moving_mean"], w[f"{name}/moving_variance"]
            scale = (g / np.sqrt(v + np.float32(conf["epsilon"]))).astype(np.float32)
            return {"scale": scale, "shift": (b - m * scale).astype(np.float32)}
        if kind == "Dense":
            return {"weight": np.ascontiguousarray(w[f"{name}/kernel"].T), "bias": w[f"{name}/bias"]}
        return {}

    def _p(self, name, key):
        return self.params[f"{name}__{key}"] if f"{name}__{key}" in self.params else None

    def _conv(self, x, name, conf, groups):
        kh, kw = conf["kernel_size"]
        sh, sw = conf["strides"]
        if conf["padding"] == "same":
            t, b = _same_pad(x.shape[2], kh, sh)
            l, r = _same_pad(x.shape[3], kw, sw)
            if t or b or l or r:
                x = F.pad(x, (l, r, t, b))
        y = F.conv2d(x, self._p(name, "weight"), self._p(name, "bias"), (sh, sw), groups=groups)
        return _activation(y, conf.get("activation", "linear"))

    def _layer(self, name, kind, conf, xs):
        x = xs[0] if xs else None
        if kind == "ZeroPadding2D":
            (t, b), (l, r) = conf["padding"]
            return F.pad(x, (l, r, t, b))
        if kind == "Conv2D":
            return self._conv(x, name, conf, 1)
        if kind == "DepthwiseConv2D":
            return self._conv(x, name, conf, x.shape[1])
        if kind == "BatchNormalization":
            return x * self._p(name, "scale").view(1, -1, 1, 1) + self._p(name, "shift").view(1, -1, 1, 1)
        if kind == "ReLU":
            if conf.get("negative_slope", 0) or conf.get("threshold", 0):
                raise ValueError(f"unsupported ReLU config in {name}")
            return torch.clamp(x, 0, conf["max_value"]) if conf.get("max_value") is not None else F.relu(x)
        if kind == "Activation":
            return _activation(x, conf["activation"])
        if kind == "Add":
            return xs[0] + xs[1]
        if kind in ("AveragePooling2D", "MaxPooling2D"):
            return _pool(x, name, kind, conf)
        if kind == "Concatenate":
            if conf["axis"] not in (3, -1):
                raise ValueError(f"unsupported concatenation axis in {name}")
            return torch.cat(xs, 1)
        if kind == "Flatten":
            return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # Keras flattens NHWC
        if kind == "Dense":
            return _activation(F.linear(x, self._p(name, "weight"), self._p(name, "bias")), conf["activation"])
        if kind == "Dropout":
            return x
        raise ValueError(f"unsupported layer {kind} ({name})")

    def forward(self, x, outputs=None):
        want = set(outputs or self.outputs)
        values = {}
        for name, kind, conf, inbound in self.layers:
            values[name] = x if kind == "InputLayer" else self._layer(name, kind, conf, [values[i] for i in inbound])
            if want.issubset(values):
                break
        return [values[o] for o in (outputs or self.outputs)]


def _pool(x, name, kind, conf):
    k, s = conf["pool_size"], conf["strides"]
    if conf["padding"] == "valid":
        return (F.avg_pool2d if kind == "AveragePooling2D" else F.max_pool2d)(x, k, s)
    pads = [_same_pad(int(x.shape[2]), k[0], s[0]), _same_pad(int(x.shape[3]), k[1], s[1])]
    if any(a != b for a, b in pads):
        raise ValueError(f"asymmetric 'same' pooling in {name}")
    pad = (pads[0][0], pads[1][0])
    if kind == "MaxPooling2D":
        return F.max_pool2d(x, k, s, pad)
    return F.avg_pool2d(x, k, s, pad, count_include_pad=False)  # TF averages over the valid positions only


def _activation(x, kind):
    if kind == "linear":
        return x
    if kind == "relu":
        return F.relu(x)
    if kind == "softmax":
        return F.softmax(x, dim=-1)
    raise ValueError(f"unsupported activation {kind}")


def load(model_dir):
    """The nsfwjs layers-model of ``model_dir`` (e.g. ``dist/models/mobilenet_v2``) as a KerasGraph in eval mode."""
    from tfjs_reader import read_model
    return KerasGraph(*read_model(model_dir)).eval()
