"""The Python pipeline of the exported model: PIL decode, the spec's preprocessing (features.load_crops),
onnxruntime on the 9 crops, mean of the crop scores. The Java model lane must reproduce these numbers."""
import numpy as np
import onnxruntime as ort

import features


def session(onnx_path):
    return ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])


def score(sess, path):
    out = sess.run(None, {"pixels": features.load_crops(path).numpy()})[0]
    return float(np.mean(out[:, 0], dtype=np.float64))
