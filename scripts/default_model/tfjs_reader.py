"""Reads a TFJS layers-model that nsfwjs bundles as browserified ``.min.js`` files.

``model.min.js`` holds the model JSON (topology + weight manifest) as a JavaScript object literal;
each ``group1-shardNofM.min.js`` holds one base64 weight shard as a string literal. This module parses
the literal (a small JSON-superset tokenizer, nothing is executed), decodes the shards and dequantises
every uint8 tensor exactly as TFJS does (``value = q * scale + min``, in float32).
"""
import base64
import re
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)'
                    r'|(?P<bang>![01])|(?P<ident>[A-Za-z_$][A-Za-z0-9_$]*)|(?P<punct>[{}\[\]:,]))')


def _tokens(text):
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                return
            raise ValueError(f"unexpected character at {pos}: {text[pos:pos + 40]!r}")
        pos = m.end()
        yield m.lastgroup, m.group(m.lastgroup)


def parse_js_literal(text):
    """Parses one JavaScript object/array literal (unquoted keys, ``!0``/``!1``, ``.5`` numbers)."""
    toks = list(_tokens(text))
    i = 0

    def value():
        nonlocal i
        kind, tok = toks[i]
        i += 1
        if kind == "str":
            return bytes(tok[1:-1], "utf-8").decode("unicode_escape")
        if kind == "num":
            return float(tok) if any(c in tok for c in ".eE") else int(tok)
        if kind == "bang":
            return tok == "!0"
        if kind == "ident":
            return {"null": None, "true": True, "false": False}[tok]
        if tok == "{":
            out = {}
            while toks[i][1] != "}":
                key = toks[i][1]
                key = key[1:-1] if toks[i][0] == "str" else key
                assert toks[i + 1][1] == ":", toks[i + 1]
                i += 2
                out[key] = value()
                if toks[i][1] == ",":
                    i += 1
            i += 1
            return out
        if tok == "[":
            out = []
            while toks[i][1] != "]":
                out.append(value())
                if toks[i][1] == ",":
                    i += 1
            i += 1
            return out
        raise ValueError(f"unexpected token {tok!r}")

    result = value()
    if i != len(toks):
        raise ValueError("trailing tokens after the literal")
    return result


def _exported_expression(js):
    """Returns the source text assigned to ``a.exports=`` inside the browserify bundle."""
    start = js.index(".exports=", js.index("{1:[function")) + len(".exports=")
    if js[start] == '"':
        end = js.index('"', start + 1)
        return js[start:end + 1]
    depth, k = 0, start
    in_str = False
    while True:
        c = js[k]
        if in_str:
            if c == "\\":
                k += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return js[start:k + 1]
        k += 1


def read_model(model_dir):
    """Returns (model JSON dict, {weight name: float32 ndarray}) for one nsfwjs model folder."""
    model_dir = Path(model_dir)
    model = parse_js_literal(_exported_expression((model_dir / "model.min.js").read_text()))
    weights = {}
    for group in model["weightsManifest"]:
        blob = b"".join(base64.b64decode(_exported_expression((model_dir / f"{p}.min.js").read_text())[1:-1])
                        for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            weights[spec["name"]], offset = _decode(spec, blob, offset)
        if offset != len(blob):
            raise ValueError(f"weight group uses {offset} of {len(blob)} bytes")
    return model, weights


def _decode(spec, blob, offset):
    count = int(np.prod(spec["shape"])) if spec["shape"] else 1
    q = spec.get("quantization")
    if q is None:
        if spec["dtype"] != "float32":
            raise ValueError(f"unsupported dtype {spec['dtype']} for {spec['name']}")
        arr = np.frombuffer(blob, np.float32, count, offset)
        return arr.reshape(spec["shape"]).copy(), offset + 4 * count
    if q["dtype"] != "uint8" or "scale" not in q:
        raise ValueError(f"unsupported quantization {q} for {spec['name']}")
    raw = np.frombuffer(blob, np.uint8, count, offset).astype(np.float32)
    arr = raw * np.float32(q["scale"]) + np.float32(q["min"])
    return arr.reshape(spec["shape"]).astype(np.float32), offset + count
