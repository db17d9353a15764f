"""Python side of scripts/bench_models.sh.

  bench_models.py prepare OUT [RN50_COPIES]
                                -> OUT/images/*.jpg (96 JPEGs, 1024x768: the 24 Kodak photos resized with PIL
                                   bicubic, qualities 95/90/80/70) and OUT/rn50/rn50.{onnx,json}: a full-width
                                   CLIP RN50 image tower (layers 3-4-6-3, width 64, 1024-d output, random weights,
                                   fixed seed), CLIP preprocessing (shorter side 224 PIL bicubic, centre crop 224),
                                   prompt_pair head with two random anchors; batch.max 8 (not when RN50_COPIES is 0)
  bench_models.py loop SPEC DIR COPIES
                                -> the baseline: a plain Python loop in 2 processes (PIL decode -> the spec's
                                   preprocessing -> onnxruntime with 1 intra-op thread, batch 1 -> head) over COPIES
                                   passes of the images, model load excluded; prints images/s
"""
import glob
import hashlib
import json
import multiprocessing as mp
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))


def prepare(out, rn50_too=True):
    from PIL import Image
    images = os.path.join(out, "images")
    os.makedirs(images, exist_ok=True)
    for p in sorted(glob.glob(os.path.join(ROOT, "data", "kodak", "kodim*.png"))):
        im = Image.open(p).convert("RGB").resize((1024, 768), Image.BICUBIC)
        for q in (95, 90, 80, 70):
            target = os.path.join(images, f"{os.path.basename(p)[:-4]}_q{q}.jpg")
            if not os.path.exists(target):
                im.save(target, quality=q)
    if not rn50_too:
        print("prepared", images)
        return
    rn50 = os.path.join(out, "rn50")
    os.makedirs(rn50, exist_ok=True)
    onnx_path = os.path.join(rn50, "rn50.onnx")
    if not os.path.exists(onnx_path):
        import torch
        from iqa_nets import ModifiedResNet
        torch.manual_seed(50)
        model = ModifiedResNet(layers=(3, 4, 6, 3), width=64, output_dim=1024, heads=32).eval()
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), onnx_path, input_names=["pixels"], output_names=["out"],
                          dynamic_axes={"pixels": {0: "batch"}, "out": {0: "batch"}}, opset_version=17, dynamo=False)
    import numpy as np
    rng = np.random.default_rng(50)
    anchors = [(a / np.linalg.norm(a)).tolist() for a in rng.normal(size=(2, 1024))]
    spec = {"id": "rn50_random", "engine": "OnnxRuntime", "uri": "rn50.onnx",
            "sha256": hashlib.sha256(open(onnx_path, "rb").read()).hexdigest(), "mode": "NR", "lower_better": False,
            "range": [0, 1],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": [0.48145466, 0.4578275, 0.40821073],
                      "std": [0.26862954, 0.26130258, 0.27577711], "layout": "NCHW"},
            "resize": {"policy": "shorter_side", "size": 224, "interpolation": "bicubic", "library": "pil"},
            "crops": {"policy": "center", "width": 224, "height": 224},
            "head": {"type": "prompt_pair", "anchors": anchors, "logit_scale": 100.0},
            "batch": {"max": 8, "bucket_by_shape": True}, "licence": "benchmark model (random weights)",
            "source": "scripts/bench_models.py", "trained_on": []}
    with open(os.path.join(rn50, "rn50.json"), "w") as fh:
        json.dump(spec, fh)
    print("prepared", images, "and", onnx_path, os.path.getsize(onnx_path) // 2 ** 20, "MiB")


def worker(args):
    spec_path, files, barrier = args
    import onnxruntime as ort
    import torch
    from export_model import head_score, reference_inputs
    torch.set_num_threads(1)
    spec = json.load(open(spec_path))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    level = (spec.get("engine_options") or {}).get("optLevel")
    if level:
        opts.graph_optimization_level = {"NO_OPT": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
                                         "BASIC_OPT": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
                                         "EXTENDED_OPT": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                                         "ALL_OPT": ort.GraphOptimizationLevel.ORT_ENABLE_ALL}[level]
    sess = ort.InferenceSession(os.path.join(os.path.dirname(spec_path), spec["uri"]), opts,
                                providers=["CPUExecutionProvider"])
    barrier.wait()
    t0 = time.perf_counter()
    for f in files:
        outs = [sess.run(None, {sess.get_inputs()[0].name: t.numpy()})[0][0] for t in reference_inputs(torch, spec, f)]
        sum(head_score(spec["head"], o) for o in outs)
    return time.perf_counter() - t0


def loop(spec_path, image_dir, copies):
    files = sorted(glob.glob(os.path.join(image_dir, "*.jpg"))) * copies
    with mp.Manager() as m:
        barrier = m.Barrier(2)
        with mp.get_context("spawn").Pool(2) as pool:
            secs = pool.map(worker, [(spec_path, files[0::2], barrier), (spec_path, files[1::2], barrier)])
    print(f"python loop: {len(files) / max(secs):.1f} images/s ({len(files)} images, 2 processes, "
          f"{max(secs):.2f} s)")


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], len(sys.argv) < 4 or sys.argv[3] != "0")
    else:
        loop(sys.argv[2], sys.argv[3], int(sys.argv[4]))
