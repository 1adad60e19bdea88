"""The PyTorch side of the layer hand-off in tests/gpu-node/pytorch-handoff.test.ts (torch 1.13):

    pytorch_layers_check.py CHECKPOINT WORKDIR

loads a checkpoint of conv, transposed-conv, batch-norm and linear layers with examples/pytorch/webgpu_gan.py's
load_networks (nn.Conv2d, nn.ConvTranspose2d, nn.BatchNorm2d, nn.Linear), writes G(z) for WORKDIR/z.bin (gz.bin) and
D's logits for WORKDIR/x.bin (logits.bin) in eval mode, and prints one JSON line: each network's state_dict keys and
shapes as torch holds them.
"""
import json
import os
import sys

try:
    import numpy as np
    import torch
except ImportError as e:
    print(f"pytorch_layers_check: {e} (install Debian's python3-torch)", file=sys.stderr)
    sys.exit(3)

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "pytorch"))
import webgpu_gan  # noqa: E402

checkpoint, work = sys.argv[1], sys.argv[2]
G, D, config = webgpu_gan.load_networks(checkpoint)
with torch.no_grad():
    z = torch.from_numpy(np.fromfile(os.path.join(work, "z.bin"), "<f4").reshape(-1, config["noise"]["dim"]))
    gz = G(z)
    gz.reshape(len(z), -1).numpy().astype("<f4").tofile(os.path.join(work, "gz.bin"))
    x = torch.from_numpy(np.fromfile(os.path.join(work, "x.bin"), "<f4").reshape(len(z), -1))
    D(x).numpy().astype("<f4").tofile(os.path.join(work, "logits.bin"))
print(json.dumps({name: {k: list(v.shape) for k, v in net.state_dict().items()} for name, net in (("generator", G), ("discriminator", D))}))
