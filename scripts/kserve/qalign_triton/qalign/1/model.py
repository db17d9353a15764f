"""Q-Align as a Triton Python-backend model for spark-iqa's InferenceServer engine.

Input  pixel_values  FP32 [n, 3, 448, 448]: the image as the spec conf/models/qalign.json preprocesses it
                     (RGB, bicubic 448 x 448, CLIP mean/std), done by spark-iqa on the executors.
Output level_logits  FP32 [n, 5]: the language model's next-token logits, after the rating prompt, for the
                     words "excellent", "good", "fair", "poor", "bad" (in that order).
spark-iqa's levels head then takes the softmax over the five logits weighted 5, 4, 3, 2, 1: Q-Align's score.

Needs torch, transformers and the checkpoint's remote code (trust_remote_code) in the Triton Python
environment, and the checkpoint (config parameter "checkpoint": a Hugging Face id or a local folder).
"""
import json

import numpy as np
import torch
import triton_python_backend_utils as pb_utils
from transformers import AutoModelForCausalLM, AutoTokenizer

PROMPT = "USER: How would you rate the quality of this image?\n<|image|>\nASSISTANT: The quality of the image is"
LEVELS = ["excellent", "good", "fair", "poor", "bad"]
IMAGE_TOKEN = -200  # where mPLUG-Owl2 (Q-Align's base) splices in the image's visual tokens


class TritonPythonModel:
    def initialize(self, args):
        config = json.loads(args["model_config"])
        checkpoint = config["parameters"]["checkpoint"]["string_value"]
        kind, device_id = args["model_instance_kind"], args["model_instance_device_id"]
        self.device = torch.device(f"cuda:{device_id}" if kind == "GPU" else "cpu")
        dtype = torch.float16 if self.device.type == "cuda" else torch.float32
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint, trust_remote_code=True)
        self.model = AutoModelForCausalLM.from_pretrained(checkpoint, trust_remote_code=True, torch_dtype=dtype)
        self.model.to(self.device).eval()
        self.dtype = dtype
        # each word's own token (the tokenizer puts a beginning-of-sequence token first)
        self.level_ids = [self.tokenizer(w)["input_ids"][-1] for w in LEVELS]
        self.prompt_ids = self._prompt_ids()

    def _prompt_ids(self):
        before, after = PROMPT.split("<|image|>")
        ids = self.tokenizer(before)["input_ids"]  # with the beginning-of-sequence token
        ids += [IMAGE_TOKEN]
        ids += self.tokenizer(after, add_special_tokens=False)["input_ids"]
        return torch.tensor(ids, dtype=torch.long, device=self.device)

    @torch.inference_mode()
    def execute(self, requests):
        # the requests Triton's dynamic batcher gathered (one per Spark task batch) run as one forward pass
        arrays = [pb_utils.get_input_tensor_by_name(r, "pixel_values").as_numpy() for r in requests]
        images = torch.from_numpy(np.ascontiguousarray(np.concatenate(arrays))).to(self.device, self.dtype)
        ids = self.prompt_ids.unsqueeze(0).expand(images.shape[0], -1)
        logits = self.model(input_ids=ids, images=images)["logits"][:, -1, self.level_ids].float().cpu().numpy()
        responses, start = [], 0
        for a in arrays:
            out = pb_utils.Tensor("level_logits", logits[start:start + len(a)])
            responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
            start += len(a)
        return responses
