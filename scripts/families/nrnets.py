"""The published no-reference networks in plain torch, each module's state_dict keys being the names the published
weight files use, so `export_model.py <family> --from files` loads a file strictly (fullref.load_strict: a missing,
unexpected or wrongly shaped key exits 2 naming it). Written from the architectures' descriptions (MUSIQ: pyiqa's
koniq/spaq/ava checkpoints; CLIP ViT-B/32 and RN50: OpenAI's CLIP files as open_clip also names them; ARNIQA: its
ARNIQA.pth encoder + a linear regressor). Not a family itself.

  musiq(torch, classes)             MUSIQ on host-built tokens [B, N, 3*32*32 + 3] (patch in C, row, column order)
  clip_vit(torch) / clip_rn50(...)  CLIP image towers under `visual.`; clip_text_shapes(d): the text side's keys
  arniqa(torch)                     torchvision ResNet-50 (conv1 .. layer4) on two inputs + regressor Linear(4096, 1)
"""
import math

# CLIP text tower (OpenAI / open_clip names): checked by name and shape, not run (prompt embeddings come precomputed)
TEXT_WIDTH, TEXT_LAYERS, VOCAB, CONTEXT = 512, 12, 49408, 77
META_KEYS = ("input_resolution", "context_length", "vocab_size")  # scalars in OpenAI's files, dropped as clip does


def clip_text_shapes(embed_dim):
    w = TEXT_WIDTH
    s = {"token_embedding.weight": (VOCAB, w), "positional_embedding": (CONTEXT, w), "ln_final.weight": (w,),
         "ln_final.bias": (w,), "text_projection": (w, embed_dim), "logit_scale": ()}
    for i in range(TEXT_LAYERS):
        s.update(resblock_shapes(f"transformer.resblocks.{i}.", w))
    return s


def resblock_shapes(p, w):
    return {p + "attn.in_proj_weight": (3 * w, w), p + "attn.in_proj_bias": (3 * w,), p + "attn.out_proj.weight": (w, w),
            p + "attn.out_proj.bias": (w,), p + "ln_1.weight": (w,), p + "ln_1.bias": (w,), p + "ln_2.weight": (w,),
            p + "ln_2.bias": (w,), p + "mlp.c_fc.weight": (4 * w, w), p + "mlp.c_fc.bias": (4 * w,),
            p + "mlp.c_proj.weight": (w, 4 * w), p + "mlp.c_proj.bias": (w,)}


def split_clip(torch, state, embed_dim, source, fail):
    """A CLIP file's image-tower keys ({visual.*}) and logit scale; the text side must carry exactly the published
    names and shapes (so a file of another model exits 2), and is then set aside."""
    state = {k: v for k, v in state.items() if k not in META_KEYS}
    text = clip_text_shapes(embed_dim)
    rest = {k: v for k, v in state.items() if not k.startswith("visual.")}
    missing = sorted(set(text) - set(rest))
    unexpected = sorted(set(rest) - set(text))
    wrong = sorted(k for k in text if k in rest and tuple(rest[k].shape) != text[k])
    if missing or unexpected or wrong:
        fail(f"{source} does not fit the contract: missing keys {missing[:6]}, unexpected keys {unexpected[:6]}, "
             f"wrong shapes {[(k, tuple(rest[k].shape), text[k]) for k in wrong[:6]]}")
    return {k: v for k, v in state.items() if k.startswith("visual.")}, float(rest["logit_scale"].exp())


def _attention(torch, x, w_in, b_in, w_out, b_out, heads, mask=None):
    """Multi-head self-attention on [B, N, C] with packed q, k, v projections."""
    b, n, c = x.shape
    q, k, v = torch.nn.functional.linear(x, w_in, b_in).chunk(3, dim=2)
    q, k, v = [t.reshape(b, n, heads, c // heads).transpose(1, 2) for t in (q, k, v)]
    att = q @ k.transpose(2, 3) / math.sqrt(c // heads)
    if mask is not None:
        att = att.masked_fill(mask == 0, -1e3)
    y = (att.softmax(dim=3) @ v).transpose(1, 2).reshape(b, n, c)
    return torch.nn.functional.linear(y, w_out, b_out)


def clip_vit(torch, width=768, layers=12, heads=12, patch=32, grid=7, embed_dim=512):
    nn = torch.nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.attn = nn.MultiheadAttention(width, heads)  # only its parameters (names) are used
            self.ln_1, self.ln_2 = nn.LayerNorm(width), nn.LayerNorm(width)
            self.mlp = nn.Sequential()
            self.mlp.add_module("c_fc", nn.Linear(width, 4 * width))
            self.mlp.add_module("c_proj", nn.Linear(4 * width, width))

        def forward(self, x):
            a = self.attn
            x = x + _attention(torch, self.ln_1(x), a.in_proj_weight, a.in_proj_bias, a.out_proj.weight,
                               a.out_proj.bias, heads)
            h = self.mlp.c_fc(self.ln_2(x))
            return x + self.mlp.c_proj(h * torch.sigmoid(1.702 * h))  # QuickGELU, as OpenAI's CLIP

    class Transformer(nn.Module):
        def __init__(self):
            super().__init__()
            self.resblocks = nn.Sequential(*[Block() for _ in range(layers)])

        def forward(self, x):
            return self.resblocks(x)

    class VisionTransformer(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, width, patch, stride=patch, bias=False)
            self.class_embedding = nn.Parameter(torch.zeros(width))
            self.positional_embedding = nn.Parameter(torch.zeros(grid * grid + 1, width))
            self.ln_pre, self.ln_post = nn.LayerNorm(width), nn.LayerNorm(width)
            self.transformer = Transformer()
            self.proj = nn.Parameter(torch.zeros(width, embed_dim))

        def forward(self, x):
            x = self.conv1(x).flatten(2).transpose(1, 2)
            x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], 1) + self.positional_embedding
            x = self.transformer(self.ln_pre(x))
            return self.ln_post(x[:, 0]) @ self.proj

    return VisionTransformer()


def clip_rn50(torch, blocks=(3, 4, 6, 3), width=64, heads=32, grid=7, embed_dim=1024, positions=False):
    """OpenAI's ModifiedResNet: 3-conv stem, anti-aliased (avg-pool) strides, attention pooling; `positions` False
    leaves the pooling's positional embedding out (CLIP-IQA's choice: any input size)."""
    nn = torch.nn

    def bn(c):
        return nn.BatchNorm2d(c)

    class Bottleneck(nn.Module):
        def __init__(self, cin, planes, stride):
            super().__init__()
            self.conv1, self.bn1 = nn.Conv2d(cin, planes, 1, bias=False), bn(planes)
            self.conv2, self.bn2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False), bn(planes)
            self.conv3, self.bn3 = nn.Conv2d(planes, 4 * planes, 1, bias=False), bn(4 * planes)
            self.stride = stride
            self.downsample = None
            if stride > 1 or cin != 4 * planes:
                self.downsample = nn.Sequential()
                self.downsample.add_module("-1", nn.AvgPool2d(stride))
                self.downsample.add_module("0", nn.Conv2d(cin, 4 * planes, 1, bias=False))
                self.downsample.add_module("1", bn(4 * planes))

        def forward(self, x):
            r = torch.relu
            y = r(self.bn2(self.conv2(r(self.bn1(self.conv1(x))))))
            if self.stride > 1:
                y = torch.nn.functional.avg_pool2d(y, self.stride)
            y = self.bn3(self.conv3(y))
            return r(y + (x if self.downsample is None else self.downsample(x)))

    class AttentionPool(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.positional_embedding = nn.Parameter(torch.zeros(grid * grid + 1, c))
            self.k_proj, self.q_proj, self.v_proj = nn.Linear(c, c), nn.Linear(c, c), nn.Linear(c, c)
            self.c_proj = nn.Linear(c, embed_dim)

        def forward(self, x):
            x = x.flatten(2).transpose(1, 2)
            x = torch.cat([x.mean(1, keepdim=True), x], 1)
            if positions:
                x = x + self.positional_embedding
            b, n, c = x.shape
            q = self.q_proj(x[:, :1]).reshape(b, 1, heads, c // heads).transpose(1, 2)
            k = self.k_proj(x).reshape(b, n, heads, c // heads).transpose(1, 2)
            v = self.v_proj(x).reshape(b, n, heads, c // heads).transpose(1, 2)
            att = (q @ k.transpose(2, 3) / math.sqrt(c // heads)).softmax(dim=3)
            return self.c_proj((att @ v).transpose(1, 2).reshape(b, c))

    class ModifiedResNet(nn.Module):
        def __init__(self):
            super().__init__()
            h = width // 2
            self.conv1, self.bn1 = nn.Conv2d(3, h, 3, stride=2, padding=1, bias=False), bn(h)
            self.conv2, self.bn2 = nn.Conv2d(h, h, 3, padding=1, bias=False), bn(h)
            self.conv3, self.bn3 = nn.Conv2d(h, width, 3, padding=1, bias=False), bn(width)
            cin = width
            for i, n in enumerate(blocks):
                planes = width * 2 ** i
                layer = [Bottleneck(cin, planes, 1 if i == 0 else 2)] + [Bottleneck(4 * planes, planes, 1)
                                                                          for _ in range(n - 1)]
                setattr(self, f"layer{i + 1}", nn.Sequential(*layer))
                cin = 4 * planes
            self.attnpool = AttentionPool(cin)

        def forward(self, x):
            r = torch.relu
            x = r(self.bn3(self.conv3(r(self.bn2(self.conv2(r(self.bn1(self.conv1(x)))))))))
            x = torch.nn.functional.avg_pool2d(x, 2)
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
            return self.attnpool(x)

    return ModifiedResNet()


def with_visual(torch, tower):
    """A module whose state_dict names the tower's keys `visual.*`, as the CLIP files do."""
    holder = torch.nn.Module()
    holder.visual = tower
    return holder


def _same_pad(torch, x, k, s):
    """TF "SAME" padding (zeros) of [B, C, H, W] for kernel k, stride s."""
    pads = []
    for n in (x.shape[3], x.shape[2]):
        total = max((math.ceil(n / s) - 1) * s + k - n, 0)
        pads += [total // 2, total - total // 2]
    return torch.nn.functional.pad(x, pads)


def musiq(torch, classes=1, patch=32, dim=384, mlp=1152, heads=6, layers=14, scales=3, grid=10):
    nn = torch.nn
    f = torch.nn.functional

    class StdConv(nn.Conv2d):
        """Weight-standardised conv (per output channel: minus mean, over std + 1e-5) with TF SAME padding."""

        def forward(self, x):
            w = self.weight - self.weight.mean((1, 2, 3), keepdim=True)
            w = w / (w.std((1, 2, 3), keepdim=True) + 1e-5)
            return f.conv2d(_same_pad(torch, x, self.kernel_size[0], self.stride[0]), w, None, self.stride)

    class Bottleneck(nn.Module):
        def __init__(self, cin, cout):
            super().__init__()
            self.conv1, self.gn1 = StdConv(cin, cin, 1, bias=False), nn.GroupNorm(32, cin, eps=1e-4)
            self.conv2, self.gn2 = StdConv(cin, cin, 3, bias=False), nn.GroupNorm(32, cin, eps=1e-4)
            self.conv3, self.gn3 = StdConv(cin, cout, 1, bias=False), nn.GroupNorm(32, cout, eps=1e-4)
            self.conv_proj, self.gn_proj = StdConv(cin, cout, 1, bias=False), nn.GroupNorm(32, cout, eps=1e-4)

        def forward(self, x):
            y = torch.relu(self.gn2(self.conv2(torch.relu(self.gn1(self.conv1(x))))))
            return torch.relu(self.gn3(self.conv3(y)) + self.gn_proj(self.conv_proj(x)))

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.query, self.key, self.value, self.out = [nn.Linear(dim, dim) for _ in range(4)]

        def forward(self, x, mask2d):
            w = torch.cat([self.query.weight, self.key.weight, self.value.weight])
            b = torch.cat([self.query.bias, self.key.bias, self.value.bias])
            return _attention(torch, x, w, b, self.out.weight, self.out.bias, heads, mask2d)

    class Mlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1, self.fc2 = nn.Linear(dim, mlp), nn.Linear(mlp, dim)

        def forward(self, x):
            return self.fc2(f.gelu(self.fc1(x)))

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-6), nn.LayerNorm(dim, eps=1e-6)
            self.attention, self.mlp = Attention(), Mlp()

        def forward(self, x, mask2d):
            x = x + self.attention(self.norm1(x), mask2d)
            return x + self.mlp(self.norm2(x))

    class Positions(nn.Module):
        def __init__(self):
            super().__init__()
            self.position_emb = nn.Parameter(torch.zeros(1, grid * grid, dim))

    class ScaleEmbs(nn.Module):
        def __init__(self):
            super().__init__()
            self.scale_emb = nn.Parameter(torch.zeros(scales, dim))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.posembed_input, self.scaleembed_input = Positions(), ScaleEmbs()
            self.cls = nn.Parameter(torch.zeros(1, 1, dim))
            self.encoder_norm = nn.LayerNorm(dim, eps=1e-6)
            self.transformer = nn.ModuleDict({f"encoderblock_{i}": Block() for i in range(layers)})

    class Musiq(nn.Module):
        def __init__(self):
            super().__init__()
            self.patch = patch
            self.conv_root, self.gn_root = StdConv(3, 64, 7, 2, bias=False), nn.GroupNorm(32, 64, eps=1e-6)
            self.block1 = Bottleneck(64, 256)
            self.embedding = nn.Linear(256 * (patch // 4) ** 2, dim)
            self.transformer_encoder = Encoder()
            self.head = nn.Linear(dim, classes) if classes == 1 else nn.Sequential(nn.Linear(dim, classes))

        def forward(self, tokens):
            b, n, _ = tokens.shape
            d = 3 * patch * patch
            x = tokens[:, :, :d].reshape(b * n, 3, patch, patch)
            x = torch.relu(self.gn_root(self.conv_root(x)))
            x = f.max_pool2d(_same_pad(torch, x, 3, 2), 3, 2)
            x = self.block1(x).permute(0, 2, 3, 1).reshape(b, n, -1)  # TF's (row, column, channel) order
            e = self.transformer_encoder
            x = self.embedding(x) + e.posembed_input.position_emb[0][tokens[:, :, d].long()]
            x = x + e.scaleembed_input.scale_emb[tokens[:, :, d + 1].long()]
            x = torch.cat([e.cls.expand(b, 1, dim), x], 1)
            m = torch.cat([torch.ones_like(tokens[:, :1, d + 2]), tokens[:, :, d + 2]], 1)
            mask2d = m[:, None, :, None] * m[:, None, None, :]
            for blk in e.transformer.values():
                x = blk(x, mask2d)
            q = self.head(e.encoder_norm(x)[:, 0])
            return q if classes == 1 else q.softmax(dim=1)

    return Musiq()


def resnet50(torch, blocks=(3, 4, 6, 3)):
    """torchvision's ResNet-50 without its fc (stride on the 3 x 3 conv), pooled to [B, 2048]."""
    nn = torch.nn

    class Bottleneck(nn.Module):
        def __init__(self, cin, planes, stride):
            super().__init__()
            self.conv1, self.bn1 = nn.Conv2d(cin, planes, 1, bias=False), nn.BatchNorm2d(planes)
            self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(planes)
            self.conv3, self.bn3 = nn.Conv2d(planes, 4 * planes, 1, bias=False), nn.BatchNorm2d(4 * planes)
            self.downsample = None
            if stride > 1 or cin != 4 * planes:
                self.downsample = nn.Sequential(nn.Conv2d(cin, 4 * planes, 1, stride=stride, bias=False),
                                                nn.BatchNorm2d(4 * planes))

        def forward(self, x):
            r = torch.relu
            y = self.bn3(self.conv3(r(self.bn2(self.conv2(r(self.bn1(self.conv1(x))))))))
            return r(y + (x if self.downsample is None else self.downsample(x)))

    class ResNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1, self.bn1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64)
            cin = 64
            for i, n in enumerate(blocks):
                planes = 64 * 2 ** i
                layer = [Bottleneck(cin, planes, 1 if i == 0 else 2)] + [Bottleneck(4 * planes, planes, 1)
                                                                          for _ in range(n - 1)]
                setattr(self, f"layer{i + 1}", nn.Sequential(*layer))
                cin = 4 * planes

        def forward(self, x):
            x = torch.nn.functional.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 3, 2, 1)
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
            return x.mean((2, 3))

    return ResNet()


# ARNIQA.pth's encoder is nn.Sequential(*resnet50.children()[:-1]) under `model.`: child index -> torchvision name
ARNIQA_CHILDREN = {"0": "conv1", "1": "bn1", "4": "layer1", "5": "layer2", "6": "layer3", "7": "layer4"}
ARNIQA_PROJECTOR = {"projector.0.weight": (2048, 2048), "projector.0.bias": (2048,), "projector.2.weight": (128, 2048),
                    "projector.2.bias": (128,)}


def arniqa(torch):
    class Arniqa(torch.nn.Module):
        """ARNIQA's scoring: the encoder's L2-normalised features of both inputs, concatenated, its regressor."""

        def __init__(self):
            super().__init__()
            self.encoder = resnet50(torch)
            self.regressor = torch.nn.Linear(4096, 1)

        def forward(self, x, half):
            f = torch.nn.functional.normalize(self.encoder(x), dim=1)
            g = torch.nn.functional.normalize(self.encoder(half), dim=1)
            return self.regressor(torch.cat([f, g], 1))

    return Arniqa()


def arniqa_state(encoder, regressor, source, fail):
    """The module's state_dict from ARNIQA.pth ({model.<child>.*}, projector.* set aside) and the regressor's
    {weight, bias}."""
    state, bad = {}, []
    for k, v in encoder.items():
        head, _, rest = k.partition(".")
        if k in ARNIQA_PROJECTOR:
            if tuple(v.shape) != ARNIQA_PROJECTOR[k]:
                bad.append((k, tuple(v.shape)))
            continue
        child, _, tail = rest.partition(".")
        if head != "model" or child not in ARNIQA_CHILDREN:
            bad.append(k)
            continue
        state[f"encoder.{ARNIQA_CHILDREN[child]}.{tail}"] = v
    missing = sorted(set(ARNIQA_PROJECTOR) - set(encoder))
    if bad or missing:
        fail(f"{source} does not fit the contract: unexpected keys {bad[:6]}, missing keys {missing}")
    state.update({f"regressor.{k}": v for k, v in regressor.items()})
    return state


def load_weights(torch, path, what, fail):
    """A weight file as a flat state_dict: a torch.save'd dict (weights_only; a {'params': ...} or {'state_dict': ...}
    wrapper unwrapped) or a TorchScript archive (OpenAI's RN50.pt / ViT-B-32.pt, ARNIQA's regressors)."""
    import os
    if not path:
        fail(f"--from files needs {what}")
    if not os.path.isfile(path):
        fail(f"the {what} file '{path}' does not exist")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # noqa: BLE001 -- not a pickled dict: a TorchScript archive
        state = torch.jit.load(path, map_location="cpu").state_dict()
    for wrapper in ("params", "state_dict"):
        if isinstance(state, dict) and set(state) == {wrapper}:
            state = state[wrapper]
    return {k: v for k, v in state.items()}
