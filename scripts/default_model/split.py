"""AGIQA-3K prompt split: the prompt is the number at the end of the file name, and a prompt is test
iff sha256("agiqa3k-prompt:" + str(p) + ":" + str(seed)) read as an unsigned big-endian integer from its
first 8 bytes, mod 100, is below 20 (default seed 0). Every rendering of a prompt lands on one side."""
import hashlib
import re

_PROMPT = re.compile(r"_(\d+)\.[A-Za-z0-9]+$")


def prompt_of(name):
    """The prompt index of an AGIQA-3K file name: ``AttnGAN_normal_000.jpg`` -> 0."""
    m = _PROMPT.search(name)
    if not m:
        raise ValueError(f"no prompt index at the end of {name!r}")
    return int(m.group(1))


def is_test(prompt, seed=0):
    digest = hashlib.sha256(f"agiqa3k-prompt:{prompt}:{seed}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < 20


def split_of(name, seed=0):
    return "test" if is_test(prompt_of(name), seed) else "train"
