"""Plain torch.nn architectures shared by the fixture, export and benchmark scripts (no torchvision/open_clip).

ModifiedResNet is the CLIP RN50 image tower's architecture as the CLIP paper describes it: a stem of three 3x3
convolutions and an average pool, bottleneck blocks that stride with an average pool before the last 1x1
convolution (and in the shortcut), and attention pooling. AttentionPool here has no positional embedding, so
the tower runs at any input size (native resolution); with OpenAI weights the embedding is interpolated or, as
CLIP-IQA does, dropped. Written from the paper's description for spark-iqa.
"""
import torch
import torch.nn.functional as F


class Bottleneck(torch.nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride=1):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(planes)
        self.conv2 = torch.nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(planes)
        self.pool = torch.nn.AvgPool2d(stride) if stride > 1 else torch.nn.Identity()
        self.conv3 = torch.nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = torch.nn.BatchNorm2d(planes * 4)
        self.shortcut = torch.nn.Identity()
        if stride > 1 or cin != planes * 4:
            self.shortcut = torch.nn.Sequential(
                torch.nn.AvgPool2d(stride) if stride > 1 else torch.nn.Identity(),
                torch.nn.Conv2d(cin, planes * 4, 1, bias=False), torch.nn.BatchNorm2d(planes * 4))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.pool(out)))
        return F.relu(out + self.shortcut(x))


class AttentionPool(torch.nn.Module):
    """Multi-head attention of the mean token over all spatial tokens (queries from the mean token only)."""

    def __init__(self, dim, heads, output_dim):
        super().__init__()
        self.heads = heads
        self.q = torch.nn.Linear(dim, dim)
        self.k = torch.nn.Linear(dim, dim)
        self.v = torch.nn.Linear(dim, dim)
        self.c = torch.nn.Linear(dim, output_dim)

    def forward(self, x):
        n, c, h, w = x.shape
        tokens = x.flatten(2).transpose(1, 2)  # N, HW, C
        tokens = torch.cat([tokens.mean(1, keepdim=True), tokens], 1)  # N, 1 + HW, C
        hd = c // self.heads
        q = self.q(tokens[:, :1]).reshape(n, 1, self.heads, hd).transpose(1, 2)  # N, heads, 1, hd
        k = self.k(tokens).reshape(n, -1, self.heads, hd).transpose(1, 2)  # N, heads, L, hd
        v = self.v(tokens).reshape(n, -1, self.heads, hd).transpose(1, 2)
        att = torch.softmax(q @ k.transpose(2, 3) / (hd ** 0.5), -1)
        out = (att @ v).transpose(1, 2).reshape(n, c)
        return self.c(out)


class ModifiedResNet(torch.nn.Module):
    def __init__(self, layers=(3, 4, 6, 3), width=64, output_dim=1024, heads=32):
        super().__init__()
        self.stem = torch.nn.Sequential(
            torch.nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False), torch.nn.BatchNorm2d(width // 2),
            torch.nn.ReLU(),
            torch.nn.Conv2d(width // 2, width // 2, 3, padding=1, bias=False), torch.nn.BatchNorm2d(width // 2),
            torch.nn.ReLU(),
            torch.nn.Conv2d(width // 2, width, 3, padding=1, bias=False), torch.nn.BatchNorm2d(width), torch.nn.ReLU(),
            torch.nn.AvgPool2d(2))
        blocks = []
        cin = width
        for i, n in enumerate(layers):
            planes = width * 2 ** i
            for j in range(n):
                blocks.append(Bottleneck(cin, planes, 2 if (j == 0 and i > 0) else 1))
                cin = planes * 4
        self.blocks = torch.nn.Sequential(*blocks)
        self.attnpool = AttentionPool(cin, heads, output_dim)

    def forward(self, x):
        return self.attnpool(self.blocks(self.stem(x)))
