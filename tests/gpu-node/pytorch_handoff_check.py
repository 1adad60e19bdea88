"""The PyTorch side of tests/gpu-node/pytorch-handoff.test.ts, run with /usr/bin/python3 (torch 1.13):

    pytorch_handoff_check.py CHECKPOINT WORKDIR

loads the engine's checkpoint with examples/pytorch/webgpu_gan.py and writes into WORKDIR, for the test to compare
with the engine: G(z) for WORKDIR/z.bin (gz.bin), D's logits for WORKDIR/x.bin (logits.bin), and each network's
parameters after one optimizer step from the fixed gradients in WORKDIR/<net>.grad.bin (<net>.after.bin, all in the
engine's flat layout, f32 little-endian). Then it continues training through the module's CLI on WORKDIR/data.npy
and prints one JSON line: the hyperparameters and step counts the optimizers hold, and the continuation's losses.
"""
import json
import math
import os
import sys

try:
    import numpy as np
    import torch
except ImportError as e:  # the test turns this exit code into a failure that says what to install
    print(f"pytorch_handoff_check: {e} (install Debian's python3-torch)", file=sys.stderr)
    sys.exit(3)

sys.dont_write_bytecode = True  # leave no __pycache__ in the working tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "pytorch"))
import webgpu_gan  # noqa: E402

checkpoint, work = sys.argv[1], sys.argv[2]
path = lambda name: os.path.join(work, name)  # noqa: E731
run = webgpu_gan.load_checkpoint(checkpoint)
cfg = run.config
dims = cfg["generator"]["layers"][-1]["units"]

with torch.no_grad():
    z = torch.from_numpy(np.fromfile(path("z.bin"), "<f4").reshape(-1, cfg["noise"]["dim"]))
    x = torch.from_numpy(np.fromfile(path("x.bin"), "<f4").reshape(-1, dims * cfg.get("pack", 1)))  # a packing D's rows
    run.G(z).numpy().astype("<f4").tofile(path("gz.bin"))
    run.D(x).numpy().astype("<f4").tofile(path("logits.bin"))

hyper = {}
for name, net, opt in (("generator", run.G, run.opt_g), ("discriminator", run.D, run.opt_d)):
    slots, total = run.slots[name]
    params = list(net.parameters())
    group = opt.param_groups[0]
    state = opt.state[params[0]]
    hyper[name] = {
        "type": type(opt).__name__, "lr": group["lr"], "betas": group.get("betas"), "eps": group.get("eps"),
        "momentum": group.get("momentum"), "step": float(state["step"]) if "step" in state else None,
    }
    for p, g in zip(params, webgpu_gan.unflatten(np.fromfile(path(f"{name}.grad.bin"), "<f4"), slots)):
        p.grad = g
    opt.step()
    webgpu_gan.flatten(params, slots, total).astype("<f4").tofile(path(f"{name}.after.bin"))

# the continuation, through the CLI as a user runs it (a fresh load: the step above changed `run`)
out = path("torch_state.pt")
_, losses = webgpu_gan.main([checkpoint, "--data", path("data.npy"), "--iterations", "3", "--out", out, "--log-every", "0"])
saved = torch.load(out)
print(json.dumps({
    "hyper": hyper, "losses": losses, "finite": all(math.isfinite(v) for pair in losses for v in pair),
    "saved_iterations": saved["iterations"], "saved_keys": sorted(saved),
}))
