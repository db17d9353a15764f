"""Exports a quality model to ONNX or TorchScript plus a spark-iqa model spec (conf/models/*.json) with its sha256.

  # CLIP-IQA with the OpenAI RN50 weights you have (open_clip), native resolution, prompt pair anchors:
  python scripts/export_model.py clip-iqa --weights ~/models/RN50.pt --id clipiqa_rn50 --out conf/models
  # a pyiqa architecture you have installed (its weights, its licence), traced at a stated size:
  python scripts/export_model.py pyiqa --arch dbcnn --height 384 --width 512 --id dbcnn --out conf/models
  # any plain torch.nn module from a Python file (random weights with --seed, or --weights state_dict file):
  python scripts/export_model.py module --module my_nets.py:MyNet --id mynet --out conf/models --height 224 --width 224

Every export checks the exported file against the module it came from (max |diff| on random input) and, with
--check-images, writes <id>_expected.csv: the scores of the Python reference pipeline (PIL decode, the spec's
resize/crops/normalisation, the exported model, the head, the mean over crops) for those images, so the Java
side can be compared with it (`sparkiqa score` on the same images). Needs torch (CPU is enough), onnx and
onnxruntime; clip-iqa needs open_clip, pyiqa needs pyiqa. A missing package is named with exit code 2.
"""
import argparse
import csv
import hashlib
import importlib
import importlib.util
import json
import os
import sys

import families

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def need(module, hint):
    try:
        return importlib.import_module(module)
    except ImportError as e:
        fail(f"the Python package '{module}' is needed for this export and does not import ({e}). {hint}")


def fail(message):
    print("export_model: " + message, file=sys.stderr)
    sys.exit(2)


def spec_fields(a, head, mean, std, lower_better):
    resize = {"policy": a.resize}
    if a.resize == "fixed":
        resize.update(width=a.width, height=a.height)
    elif a.resize != "none":
        resize["size"] = a.size
    if a.resize != "none":
        resize.update(interpolation=a.interpolation, library=a.library)
        if a.library == "torch":
            resize["antialias"] = a.antialias == "true"
    crops = {"policy": a.crops}
    if a.crops != "none":
        crops.update(width=a.crop_width, height=a.crop_height)
    if a.crops == "grid":
        crops["n"] = a.crop_n
    return {"id": a.id, "engine": "OnnxRuntime" if a.format == "onnx" else "PyTorch", "mode": "NR",
            "lower_better": lower_better, "range": [-1e9, 1e9],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": mean, "std": std, "layout": "NCHW"},
            "resize": resize, "crops": crops, "head": head, "batch": {"max": a.batch, "bucket_by_shape": True},
            "licence": a.licence, "source": a.source, "trained_on": a.trained_on}


def export(torch, model, a, example, dynamic_hw):
    """Writes the model file; returns its path and a callable running it on a torch tensor."""
    os.makedirs(a.out, exist_ok=True)
    model.eval()
    if a.format == "onnx":
        need("onnx", "pip install onnx")
        ort = need("onnxruntime", "pip install onnxruntime")
        path = os.path.join(a.out, a.id + ".onnx")
        axes = {"pixels": {0: "batch", 2: "height", 3: "width"} if dynamic_hw else {0: "batch"}, "out": {0: "batch"}}
        torch.onnx.export(model, example, path, input_names=["pixels"], output_names=["out"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
        sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        return path, lambda t: sess.run(None, {"pixels": t.numpy()})[0]
    path = os.path.join(a.out, a.id + ".pt")
    ts = torch.jit.script(model) if dynamic_hw else torch.jit.trace(model, example)
    ts.save(path)
    loaded = torch.jit.load(path)
    return path, lambda t: loaded(t).detach().numpy()


def reference_inputs(torch, spec, path):
    """The spec's preprocessing in Python (PIL / torch.nn.functional.interpolate), one tensor per crop."""
    import numpy as np
    from PIL import Image
    im = Image.open(path).convert("RGB")
    w, h = im.size
    r = spec["resize"]
    size = (w, h)
    if r["policy"] == "fixed":
        size = (r["width"], r["height"])
    elif r["policy"] == "shorter_side" or (r["policy"] == "longer_side_cap" and max(w, h) > r["size"]):
        side = r["size"]
        by_width = (w <= h) if r["policy"] == "shorter_side" else (w >= h)
        size = (side, int(side * h / w)) if by_width else (int(side * w / h), side)
    if size != (w, h) and r.get("library") == "pil":
        im = im.resize(size, {"bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC, "lanczos": Image.LANCZOS}[
            r["interpolation"]])
    x = torch.from_numpy(np.asarray(im, dtype=np.float32) / np.float32(255.0)).permute(2, 0, 1).contiguous()
    if size != (w, h) and r.get("library") == "torch":
        x = torch.nn.functional.interpolate(x[None], size=(size[1], size[0]), mode=r["interpolation"],
                                            align_corners=False, antialias=r["antialias"])[0]
    c = spec["crops"]
    hh, ww = x.shape[1], x.shape[2]
    boxes = [(0, 0, hh, ww)]
    if c["policy"] == "center":
        boxes = [(int(round((hh - c["height"]) / 2)), int(round((ww - c["width"]) / 2)), c["height"], c["width"])]
    elif c["policy"] == "grid":
        k = int(round(c["n"] ** 0.5))
        boxes = [(round(i * (hh - c["height"]) / (k - 1)) if k > 1 else int(round((hh - c["height"]) / 2)),
                  round(j * (ww - c["width"]) / (k - 1)) if k > 1 else int(round((ww - c["width"]) / 2)),
                  c["height"], c["width"]) for i in range(k) for j in range(k)]
    mean = torch.tensor(spec["input"]["mean"], dtype=torch.float32).view(3, 1, 1)
    std = torch.tensor(spec["input"]["std"], dtype=torch.float32).view(3, 1, 1)
    return [((x[:, t:t + bh, l:l + bw] - mean) / std)[None] for t, l, bh, bw in boxes]


def head_score(spec_head, out):
    import numpy as np
    out = np.asarray(out, dtype=np.float64).ravel()
    kind = spec_head["type"]
    if kind == "scalar":
        return float(out[0])
    if kind == "distribution":
        weights = spec_head.get("weights") or list(range(1, len(out) + 1))
        return float(np.dot(weights, out))
    if kind == "levels":
        e = np.exp(out - out.max())
        return float(np.dot(spec_head["weights"], e / e.sum()))
    a = np.asarray(spec_head["anchors"], dtype=np.float64)
    logits = spec_head["logit_scale"] * (a @ out) / (np.linalg.norm(a, axis=1) * np.linalg.norm(out))
    e = np.exp(logits - logits.max())
    return float((e / e.sum())[1])


def finish(torch, model, a, spec_fields_, example, dynamic_hw):
    path, run = export(torch, model, a, example, dynamic_hw)
    with torch.no_grad():
        probe = torch.rand(example.shape, generator=torch.Generator().manual_seed(0))
        diff = float(abs(run(probe) - model(probe).numpy()).max())
    print(f"export_model: wrote {path}; exported vs torch module max |diff| {diff:.3g} on random input")
    if diff > 1e-3:
        fail(f"the exported model differs from the module by {diff}")
    spec = dict(spec_fields_)
    spec["uri"] = os.path.basename(path)
    spec["sha256"] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    spec_path = os.path.join(a.out, a.id + ".json")
    order = ["id", "engine", "uri", "sha256"]
    with open(spec_path, "w") as fh:
        json.dump({k: spec[k] for k in order + [k for k in spec if k not in order]}, fh, indent=2)
    print(f"export_model: wrote {spec_path} (sha256 {spec['sha256']})")
    if a.check_images:
        rows = []
        with torch.no_grad():
            for img in a.check_images:
                outs = [run(t)[0] for t in reference_inputs(torch, spec, img)]
                rows.append((os.path.splitext(os.path.basename(img))[0],
                             sum(head_score(spec["head"], o) for o in outs) / len(outs)))
        with open(os.path.join(a.out, a.id + "_expected.csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["photo", "score"])
            w.writerows((n, repr(s)) for n, s in rows)
        print(f"export_model: Python reference scores of {len(rows)} images in {a.id}_expected.csv")


def cmd_module(torch, a):
    file, _, cls = a.module.partition(":")
    if not cls:
        fail("--module needs FILE.py:ClassName")
    sys.path.insert(0, os.path.dirname(os.path.abspath(file)))
    spec = importlib.util.spec_from_file_location("user_module", file)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    torch.manual_seed(a.seed)
    model = getattr(mod, cls)(**json.loads(a.kwargs))
    if a.weights:
        state = torch.load(a.weights, map_location="cpu", weights_only=True)
        model.load_state_dict(state)
    head = {"type": a.head}
    if a.head_weights:
        head["weights"] = [float(v) for v in a.head_weights.split(",")]
    fields = spec_fields(a, head, [float(v) for v in a.mean.split(",")], [float(v) for v in a.std.split(",")],
                         a.lower_better)
    finish(torch, model.eval(), a, fields, torch.zeros(1, 3, a.height, a.width), a.dynamic)


def cmd_clip_iqa(torch, a):
    open_clip = need("open_clip", "pip install open_clip_torch (it imports torchvision, which must match your torch)")
    clip, _, _ = open_clip.create_model_and_transforms("RN50", pretrained=a.weights)
    tokenizer = open_clip.get_tokenizer("RN50")
    clip.eval()
    with torch.no_grad():
        text = clip.encode_text(tokenizer([a.bad_prompt, a.good_prompt])).double()
        anchors = (text / text.norm(dim=1, keepdim=True)).tolist()
        scale = float(clip.logit_scale.exp())
    visual = clip.visual

    class Tower(torch.nn.Module):
        """The RN50 image tower with its attention pool run without the positional embedding (native size)."""

        def __init__(self):
            super().__init__()
            self.visual = visual

        def forward(self, x):
            v = self.visual
            x = v.stem(x) if hasattr(v, "stem") else v.avgpool(v.act3(v.bn3(v.conv3(v.act2(v.bn2(v.conv2(
                v.act1(v.bn1(v.conv1(x))))))))))
            x = v.layer4(v.layer3(v.layer2(v.layer1(x))))
            p = v.attnpool
            t = x.flatten(2).permute(2, 0, 1)
            t = torch.cat([t.mean(dim=0, keepdim=True), t], dim=0)
            out, _ = torch.nn.functional.multi_head_attention_forward(
                query=t[:1], key=t, value=t, embed_dim_to_check=t.shape[-1], num_heads=p.num_heads,
                q_proj_weight=p.q_proj.weight, k_proj_weight=p.k_proj.weight, v_proj_weight=p.v_proj.weight,
                in_proj_weight=None, in_proj_bias=torch.cat([p.q_proj.bias, p.k_proj.bias, p.v_proj.bias]),
                bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0, out_proj_weight=p.c_proj.weight,
                out_proj_bias=p.c_proj.bias, use_separate_proj_weight=True, training=False, need_weights=False)
            return out.squeeze(0)

    head = {"type": "prompt_pair", "anchors": anchors, "logit_scale": scale}
    fields = spec_fields(a, head, CLIP_MEAN, CLIP_STD, False)
    finish(torch, Tower().eval(), a, fields, torch.zeros(1, 3, a.height, a.width), True)


def cmd_pyiqa(torch, a):
    pyiqa = need("pyiqa", "pip install pyiqa (its weights and licences are the user's: most are non-commercial)")
    metric = pyiqa.create_metric(a.arch, device="cpu", as_loss=False)
    fields = spec_fields(a, {"type": "scalar"}, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], bool(metric.lower_better))
    finish(torch, metric.net.eval(), a, fields, torch.rand(1, 3, a.height, a.width), False)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    parsers = {"module": sub.add_parser("module", help="a torch.nn module from a Python file"),
               "clip-iqa": sub.add_parser("clip-iqa", help="CLIP-IQA: the RN50 image tower and two prompt anchors"),
               "pyiqa": sub.add_parser("pyiqa", help="a pyiqa architecture, traced at --height x --width")}
    family_modules = {}
    for name in families.MODULES:
        module = importlib.import_module("families." + name)
        family_modules[module.FAMILY] = module
        parsers[module.FAMILY] = sub.add_parser(module.FAMILY, help=module.HELP)
    for name, s in parsers.items():
        s.add_argument("--id", required=True)
        s.add_argument("--out", default="conf/models")
        s.add_argument("--format", choices=["onnx", "torchscript"], default="onnx")
        s.add_argument("--height", type=int, default=224)
        s.add_argument("--width", type=int, default=224)
        s.add_argument("--resize", choices=["none", "fixed", "shorter_side", "longer_side_cap"],
                       default="fixed" if name == "pyiqa" else "none")
        s.add_argument("--size", type=int)
        s.add_argument("--interpolation", choices=["bilinear", "bicubic", "lanczos"], default="bicubic")
        s.add_argument("--library", choices=["pil", "torch"], default="pil")
        s.add_argument("--antialias", choices=["true", "false"], default="true")
        s.add_argument("--crops", choices=["none", "center", "grid"], default="none")
        s.add_argument("--crop-width", type=int)
        s.add_argument("--crop-height", type=int)
        s.add_argument("--crop-n", type=int, default=1)
        s.add_argument("--batch", type=int, default=8)
        s.add_argument("--licence", default="see the weights' source")
        s.add_argument("--source", default="scripts/export_model.py " + name)
        s.add_argument("--trained-on", nargs="*", default=[])
        s.add_argument("--check-images", nargs="*", help="images to score with the Python reference pipeline")
    m = parsers["module"]
    m.add_argument("--module", required=True, help="FILE.py:ClassName")
    m.add_argument("--kwargs", default="{}", help="constructor arguments as JSON")
    m.add_argument("--weights", help="a state_dict file (loaded with weights_only=True)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--head", choices=["scalar", "distribution", "levels"], default="scalar")
    m.add_argument("--head-weights", help="comma-separated level weights")
    m.add_argument("--mean", default="0.485,0.456,0.406")
    m.add_argument("--std", default="0.229,0.224,0.225")
    m.add_argument("--lower-better", action="store_true")
    m.add_argument("--dynamic", action="store_true", help="any input height/width (native resolution)")
    c = parsers["clip-iqa"]
    c.add_argument("--weights", default="openai", help="open_clip's 'openai' tag or a local RN50 checkpoint")
    c.add_argument("--good-prompt", default="Good photo.")
    c.add_argument("--bad-prompt", default="Bad photo.")
    parsers["pyiqa"].add_argument("--arch", required=True)
    for family, module in family_modules.items():
        module.add_arguments(parsers[family])
    a = p.parse_args(argv)
    if a.resize in ("shorter_side", "longer_side_cap") and not a.size:
        fail(f"--resize {a.resize} needs --size")
    if a.crops != "none" and not (a.crop_width and a.crop_height):
        fail("--crops needs --crop-width and --crop-height")
    torch = need("torch", "pip install torch (the CPU wheel is enough)")
    if a.cmd in family_modules:
        family_modules[a.cmd].export(torch, a)
        return
    {"module": cmd_module, "clip-iqa": cmd_clip_iqa, "pyiqa": cmd_pyiqa}[a.cmd](torch, a)


if __name__ == "__main__":
    main()
