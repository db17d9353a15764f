"""Exports backbone + quality head as one ONNX model (one 224 x 224 crop in, one quality score out; the
content classes are not in the graph) and writes its spark-iqa spec with the file's sha256.
"""
import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import torch

import features
import train_head

OPSET = 17  # ONNX Runtime 1.2x (DJL) and the venv's onnxruntime both run opset 17


def chosen_taps(head):
    """The features.TAPS entries the head reads, in feature order."""
    return [features.TAPS[t] for t in sorted(json.loads(str(head["choice"]))["taps"])]


class Head(torch.nn.Module):
    """One head of train_head.py: standardisation, then linear (ridge) or Linear-ReLU-Linear (mlp)."""

    def __init__(self, head):
        super().__init__()
        f32 = lambda k: torch.from_numpy(np.asarray(head[k], np.float32))
        self.register_buffer("mu", f32("mu"))
        self.register_buffer("sd", f32("sd"))
        self.lin1 = torch.nn.Linear(head["w1"].shape[1], head["w1"].shape[0])
        self.lin1.weight.data, self.lin1.bias.data = f32("w1"), f32("b1")
        self.mlp = head["kind"] == "mlp"
        if self.mlp:
            self.lin2 = torch.nn.Linear(head["w2"].shape[1], 1)
            self.lin2.weight.data, self.lin2.bias.data = f32("w2"), f32("b2")

    def forward(self, f):
        h = self.lin1((f - self.mu) / self.sd)
        return self.lin2(torch.relu(h)) if self.mlp else h


class QualityModel(torch.nn.Module):
    """Crops (N, 3, 224, 224) RGB in [0, 1] -> scores (N, 1): tap statistics, then the head (an ensemble: the
    weighted sum of its parts, each on its own feature columns)."""

    def __init__(self, nets, head_npz):
        super().__init__()
        self.features = features.TapFeatures(nets, chosen_taps(head_npz))
        head = train_head.head_from_arrays(head_npz)
        parts = head["parts"] if head["kind"] == "ensemble" else [(1.0, None, head)]
        self.heads = torch.nn.ModuleList(Head(h) for _, _, h in parts)
        self.weights = [w for w, _, _ in parts]
        self.columns = [None if c is None else torch.from_numpy(np.asarray(c, np.int64)) for _, c, _ in parts]

    def forward(self, x):
        f = self.features(x)
        return sum(w * h(f if c is None else f[:, c]) for w, c, h in zip(self.weights, self.columns, self.heads))


def spec(model_file, sha, trained_on):
    return {
        "id": "agiqa_nr", "engine": "OnnxRuntime", "uri": model_file.name, "sha256": sha, "mode": "NR",
        "lower_better": False, "range": [0, 5],
        "input": {"color": "RGB", "value_range": [0, 1], "mean": [0, 0, 0], "std": [1, 1, 1], "layout": "NCHW"},
        "resize": {"policy": "shorter_side", "size": features.SHORTER_SIDE, "interpolation": "bicubic",
                   "library": "pil"},
        "crops": {"policy": "grid", "n": features.GRID * features.GRID, "width": features.CROP,
                  "height": features.CROP},
        "head": {"type": "scalar"},
        "batch": {"max": 18, "bucket_by_shape": True},
        "licence": "MIT: backbone weights from nsfwjs 4.4.0 (Copyright (c) 2019 Infinite Red, Inc., see "
                   "agiqa_nr.LICENSE-nsfwjs); head trained here on AGIQA-3K (MIT, see agiqa_nr.md)",
        "source": "scripts/make_default_model.sh (scripts/default_model/; see conf/models/agiqa_nr.md)",
        "trained_on": trained_on,
        "engine_options": {"optLevel": "EXTENDED_OPT"},
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True, help="unpacked nsfwjs package folder")
    ap.add_argument("--head", required=True, help="head .npz from train_head.py")
    ap.add_argument("--out", required=True, help="ONNX path (the spec is written beside it as .json)")
    ap.add_argument("--trained-on", default="AGIQA-3K training split (prompt split, seed 0): 2,315 images "
                                            "of 233 prompts, mos_quality")
    a = ap.parse_args()
    head = np.load(a.head)
    model = QualityModel(features.load_backbones(a.package, {folder for folder, _, _ in chosen_taps(head)}), head).eval()
    out = Path(a.out)
    torch.onnx.export(model, torch.zeros(2, 3, features.CROP, features.CROP), str(out), input_names=["pixels"],
                      output_names=["score"], dynamic_axes={"pixels": {0: "n"}, "score": {0: "n"}},
                      opset_version=OPSET, dynamo=False)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    out.with_suffix(".json").write_text(json.dumps(spec(out, sha, [a.trained_on]), indent=2) + "\n")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, sha256 {sha}) and its spec")


if __name__ == "__main__":
    main()
