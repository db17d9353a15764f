#!/usr/bin/env python3
"""A small inference server speaking the open inference protocol (KServe v2 / Triton HTTP/REST).

It serves ONNX models with onnxruntime and "fixed" models that answer every row with the same values, for
spark-iqa's InferenceServer engine tests and as a dev server on one machine. Only numpy and onnxruntime are needed.

Endpoints:
  GET  /v2/health/live, /v2/health/ready        200 once the models are loaded
  GET  /v2/models/{m}[/versions/{v}]            model metadata (name, versions, platform, inputs, outputs)
  GET  /v2/models/{m}[/versions/{v}]/ready      200 when the model is served
  POST /v2/models/{m}[/versions/{v}]/infer      an infer request: JSON "data", or the binary tensor extension
                                                (Inference-Header-Content-Length + raw little-endian bytes)
Errors answer {"error": "..."} with 400 (bad request, unknown tensor) or 404 (unknown model).

Usage:
  .venv/bin/python scripts/kserve/v2_server.py --port 8000 --onnx kodak_nr=conf/models/kodak_nr.onnx
  .venv/bin/python scripts/kserve/v2_server.py --port 0 --fixed qalign=logits:1,2,3,4,5
--port 0 picks a free port; the server prints "listening on http://HOST:PORT" once ready. --log-requests prints
"infer MODEL BATCH" after each answered infer request; --delay-ms waits that long before answering one (tests).
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

HEADER_LENGTH = "Inference-Header-Content-Length"
DTYPES = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64, "INT32": np.int32}
ONNX_TYPES = {"tensor(float)": "FP32", "tensor(double)": "FP64", "tensor(int64)": "INT64", "tensor(int32)": "INT32"}


class BadRequest(Exception):
    """A request the server refuses with this HTTP status and message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class OnnxModel:
    """An ONNX file run by onnxruntime on the CPU (one session, thread-safe for run())."""

    def __init__(self, name, path, threads):
        import onnxruntime as ort
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        self.name = name
        self.session = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name: i for i in self.session.get_inputs()}
        self.outputs = [o.name for o in self.session.get_outputs()]
        self.platform = "onnxruntime_onnx"

    def metadata(self):
        def tensor(t):
            return {"name": t.name, "datatype": ONNX_TYPES.get(t.type, t.type),
                    "shape": [d if isinstance(d, int) else -1 for d in t.shape]}
        return [tensor(t) for t in self.session.get_inputs()], [tensor(t) for t in self.session.get_outputs()]

    def infer(self, inputs):
        unknown = set(inputs) - set(self.inputs)
        if unknown:
            raise BadRequest(400, f"unknown input tensor(s) {sorted(unknown)}; model {self.name} takes {sorted(self.inputs)}")
        try:
            values = self.session.run(self.outputs, inputs)
        except Exception as e:  # onnxruntime's own errors: wrong shape or type
            raise BadRequest(400, f"model {self.name} refused the input: {e}")
        return dict(zip(self.outputs, values))


class FixedModel:
    """Answers each row of its one input with the same output values (test double of a real network's head)."""

    def __init__(self, name, output, values):
        self.name = name
        self.output = output
        self.values = np.asarray(values, dtype=np.float32)
        self.platform = "fixed"

    def metadata(self):
        return ([{"name": "input", "datatype": "FP32", "shape": [-1, -1, -1, -1]}],
                [{"name": self.output, "datatype": "FP32", "shape": [-1, len(self.values)]}])

    def infer(self, inputs):
        if len(inputs) != 1:
            raise BadRequest(400, f"model {self.name} takes one input tensor, got {len(inputs)}")
        n = next(iter(inputs.values())).shape[0]
        return {self.output: np.tile(self.values, (n, 1))}


def read_inputs(header, body):
    """The request's input tensors as numpy arrays, from JSON data or the binary extension's bytes."""
    offset = 0
    out = {}
    for t in header.get("inputs", []):
        name, shape, dtype = t.get("name"), t.get("shape"), t.get("datatype")
        if dtype not in DTYPES or not isinstance(shape, list):
            raise BadRequest(400, f"input {name}: datatype {dtype} / shape {shape} not supported")
        size = t.get("parameters", {}).get("binary_data_size")
        if size is not None:
            raw = body[offset:offset + size]
            offset += size
            array = np.frombuffer(raw, dtype=np.dtype(DTYPES[dtype]).newbyteorder("<"))
        else:
            array = np.asarray(t.get("data"), dtype=DTYPES[dtype]).reshape(-1)
        if array.size != int(np.prod(shape)):
            raise BadRequest(400, f"input {name}: {array.size} values for shape {shape}")
        out[name] = array.astype(DTYPES[dtype]).reshape(shape)
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse their connections

    def log_message(self, fmt, *args):
        pass

    def send_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self):
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if parts[:2] != ["v2", "models"] or len(parts) < 3:
            return None, None, parts
        name, rest = parts[2], parts[3:]
        if rest[:1] == ["versions"] and len(rest) >= 2:
            rest = rest[2:]
        model = self.server.models.get(name)
        if model is None:
            raise BadRequest(404, f"unknown model '{name}'; served: {sorted(self.server.models)}")
        return model, rest, parts

    def do_GET(self):
        try:
            model, rest, parts = self.route()
            if model is None:
                if parts in (["v2", "health", "ready"], ["v2", "health", "live"]):
                    return self.send_json(200, {"ready": True})
                if parts == ["v2"]:
                    return self.send_json(200, {"name": "spark-iqa v2_server", "version": "1", "extensions": ["binary_tensor_data"]})
                raise BadRequest(404, f"no such endpoint {self.path}")
            if rest == ["ready"]:
                return self.send_json(200, {"name": model.name, "ready": True})
            if rest == []:
                inputs, outputs = model.metadata()
                return self.send_json(200, {"name": model.name, "versions": ["1"], "platform": model.platform,
                                            "inputs": inputs, "outputs": outputs})
            raise BadRequest(404, f"no such endpoint {self.path}")
        except BadRequest as e:
            self.send_json(e.status, {"error": str(e)})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        try:
            model, rest, _ = self.route()
            if model is None or rest != ["infer"]:
                raise BadRequest(404, f"no such endpoint {self.path}")
            json_length = int(self.headers.get(HEADER_LENGTH, length))
            try:
                header = json.loads(body[:json_length])
            except ValueError as e:
                raise BadRequest(400, f"the request is not JSON: {e}")
            results = model.infer(read_inputs(header, body[json_length:]))
            wanted = [o["name"] for o in header.get("outputs", [])] or list(results)
            missing = [w for w in wanted if w not in results]
            if missing:
                raise BadRequest(400, f"unknown output(s) {missing}; model {model.name} gives {sorted(results)}")
            if self.server.delay:
                time.sleep(self.server.delay)
            outputs = [{"name": w, "datatype": "FP32", "shape": list(results[w].shape),
                        "data": results[w].astype(np.float32).reshape(-1).tolist()} for w in wanted]
            self.send_json(200, {"model_name": model.name, "model_version": "1", "id": header.get("id", ""),
                                 "outputs": outputs})
            if self.server.log_requests:
                batch = next(iter(results.values())).shape[0] if results else 0
                with self.server.lock:
                    print(f"infer {model.name} {batch}", flush=True)
        except BadRequest as e:
            self.send_json(e.status, {"error": str(e)})


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="0: a free port (printed)")
    p.add_argument("--onnx", action="append", default=[], metavar="NAME=FILE", help="serve an ONNX file as NAME")
    p.add_argument("--fixed", action="append", default=[], metavar="NAME=OUTPUT:V1,V2,...",
                   help="serve NAME answering every row with these output values")
    p.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads per model")
    p.add_argument("--delay-ms", type=float, default=0, help="wait this long before answering an infer request")
    p.add_argument("--log-requests", action="store_true", help="print 'infer MODEL BATCH' per answered request")
    a = p.parse_args(argv)
    models = {}
    for spec in a.onnx:
        name, path = spec.split("=", 1)
        models[name] = OnnxModel(name, path, a.threads)
    for spec in a.fixed:
        name, rest = spec.split("=", 1)
        output, values = rest.split(":", 1)
        models[name] = FixedModel(name, output, [float(v) for v in values.split(",")])
    if not models:
        p.error("serve at least one model (--onnx or --fixed)")
    ThreadingHTTPServer.request_queue_size = 64  # the executors' tasks of a node connect at once
    server = ThreadingHTTPServer((a.host, a.port), Handler)
    server.daemon_threads = True
    server.models, server.delay, server.log_requests, server.lock = models, a.delay_ms / 1000, a.log_requests, threading.Lock()
    print(f"listening on http://{a.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
