#!/usr/bin/env python3
"""Continue a webgpu-gan run in PyTorch: load an engine checkpoint (safetensors, format webgpu-gan/1) into
nn.Sequential G and D and their optimizers, so that the next PyTorch step is the step the engine would have taken,
then train on with the engine's Algorithm 1 (optionally under torchrun, DistributedDataParallel over gloo).

    python3 webgpu_gan.py run.safetensors --data rows.npy --iterations 1000 --out torch_state.pt
    torchrun --nproc_per_node=4 webgpu_gan.py run.safetensors --data rows.npy --iterations 1000 --out torch_state.pt

Needs only torch (and numpy, which torch brings): the safetensors format is simple enough to read here.
"""
import argparse
import json
import math
import os
import struct
import sys
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "webgpu-gan/1"
ALIGN = 64  # src/nn/layout.ts: every tensor of a network's flat buffer starts at a multiple of 64 floats
COUNTERS = {"discriminator": 0, "generator": 4}  # src/train/gan.ts: (t, S1, S2, unused) per network


def read_safetensors(path):
    """(tensors as numpy arrays, metadata): an 8-byte little-endian header length, a JSON header, raw LE data."""
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, h in header.items():
        dtype = {"F32": "<f4", "U32": "<u4"}[h["dtype"]]  # the only dtypes the engine writes
        begin, end = h["data_offsets"]
        count = int(np.prod(h["shape"], dtype=np.int64))
        if end - begin != 4 * count or 8 + length + end > len(raw):
            raise ValueError(f"{path}: tensor '{name}' does not fit its shape {h['shape']} or the file")
        tensors[name] = np.frombuffer(raw, dtype, count, 8 + length + begin).reshape(h["shape"])
    return tensors, metadata


def flat_layout(input_dim, layers):
    """[(weight offset, bias offset, in, out)] per layer, and the total: the engine's flat parameter layout
    (src/nn/mlp.ts mlpLayout), which the optimizer moments in a checkpoint follow."""
    slots, offset, fan_in = [], 0, input_dim
    for layer in layers:
        out = layer["units"]
        w = offset
        offset += -(-fan_in * out // ALIGN) * ALIGN
        slots.append((w, offset, fan_in, out))
        offset += -(-out // ALIGN) * ALIGN
        fan_in = out
    return slots, offset


def unflatten(flat, slots):
    """A flat engine buffer as torch tensors in nn.Sequential's parameter order (weights transposed to [out, in])."""
    out = []
    for w, b, fan_in, units in slots:
        out.append(torch.from_numpy(np.array(flat[w:w + fan_in * units]).reshape(fan_in, units).T.copy()))
        out.append(torch.from_numpy(np.array(flat[b:b + units])))
    return out


def flatten(tensors, slots, total):
    """The inverse of unflatten: tensors in parameter order into the engine's flat layout (padding zero)."""
    flat = np.zeros(total, np.float32)
    for (w, b, fan_in, units), weight, bias in zip(slots, tensors[0::2], tensors[1::2]):
        flat[w:w + fan_in * units] = weight.detach().cpu().numpy().T.reshape(-1)
        flat[b:b + units] = bias.detach().cpu().numpy()
    return flat


def activation(layer):
    if layer["activation"] == "leaky_relu":
        return nn.LeakyReLU(layer.get("alpha", 0.2))  # src/nn/mlp.ts: alpha defaults to 0.2
    return {"identity": nn.Identity, "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[layer["activation"]]()


def build_mlp(input_dim, layers):
    modules, fan_in = [], input_dim
    for layer in layers:
        modules += [nn.Linear(fan_in, layer["units"]), activation(layer)]
        fan_in = layer["units"]
    return nn.Sequential(*modules)


def build_network(input_dim, layers):
    """Any engine network (linear, conv2d, conv_transpose2d, batch_norm, reshape, flatten: src/nn/kinds.ts) as an
    nn.Sequential whose layer i is the module `l{i}`, so that its state_dict keys are the checkpoint's names under
    `generator.` or `discriminator.` (`l3.weight`, `l4.running_mean`, ...); activations are modules `act{i}`."""
    modules, shape = OrderedDict(), (input_dim,)
    for i, layer in enumerate(layers):
        kind = layer.get("type", "linear")
        if kind == "linear":
            if len(shape) > 1:
                modules[f"flat{i}"] = nn.Flatten()  # the engine reads any row as flat
            modules[f"l{i}"], shape = nn.Linear(math.prod(shape), layer["units"]), (layer["units"],)
        elif kind in ("conv2d", "conv_transpose2d"):
            k, s, p = layer["kernel"], layer.get("stride", 1), layer.get("padding", 0)
            c, h, w = shape
            if kind == "conv2d":
                modules[f"l{i}"] = nn.Conv2d(c, layer["channels"], k, s, p)
                side = lambda n: (n + 2 * p - k) // s + 1  # noqa: E731
            else:
                modules[f"l{i}"] = nn.ConvTranspose2d(c, layer["channels"], k, s, p)
                side = lambda n: (n - 1) * s - 2 * p + k  # noqa: E731
            shape = (layer["channels"], side(h), side(w))
        elif kind == "batch_norm":
            bn = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
            modules[f"l{i}"] = bn(shape[0], eps=layer.get("eps", 1e-5), momentum=layer.get("momentum", 0.1))
        elif kind == "reshape":
            shape = tuple(layer["shape"])
            modules[f"l{i}"] = nn.Unflatten(1, shape) if len(shape) == 3 else nn.Flatten()
        elif kind == "flatten":
            modules[f"l{i}"], shape = nn.Flatten(), (math.prod(shape),)
        else:
            raise ValueError(f"layer {i}: unknown type {kind!r}")
        if "activation" in layer or kind in ("linear", "conv2d", "conv_transpose2d"):
            modules[f"act{i}"] = activation({"activation": layer.get("activation", "identity"), **layer})
    return nn.Sequential(modules)


def load_networks(path):
    """G and D of a checkpoint of any layer kinds, with its weights and batch norm's running statistics, in eval mode
    (batch norm by its running statistics, as the engine samples). Returns (G, D, config)."""
    tensors, meta = read_safetensors(path)
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path}: format {meta.get('format')!r} is not {FORMAT}")
    config, dims = json.loads(meta["config"]), int(meta["data_dims"])
    nets = []
    # a packing D (config "pack", PacGAN) reads pack rows side by side as one
    for name, input_dim in (("generator", config["noise"]["dim"]), ("discriminator", dims * config.get("pack", 1))):
        layers = config[name]["layers"]
        net = build_network(input_dim, layers)
        state = {}
        for key, value in tensors.items():
            if key.startswith(f"{name}.l"):
                local = key[len(name) + 1:]
                i = int(local[1:local.index(".")])
                linear = layers[i].get("type", "linear") == "linear" and local.endswith(".weight")
                state[local] = torch.from_numpy((value.T if linear else value).copy())  # linear is stored [in, out]
        missing, unexpected = net.load_state_dict(state, strict=False)
        # num_batches_tracked only counts batches (it matters for momentum=None, which the engine does not have)
        if unexpected or any(not m.endswith("num_batches_tracked") for m in missing):
            raise ValueError(f"{path}: {name}: missing {missing}, unexpected {unexpected}")
        nets.append(net.eval())
    return nets[0], nets[1], config


def resolve_optimizer(o):
    """The engine's defaults (src/train/config.ts resolveOptimizer)."""
    if o["type"] == "adam":
        return {"type": "adam", "lr": o["lr"], "beta1": o.get("beta1", 0.5), "beta2": o.get("beta2", 0.999), "eps": o.get("eps", 1e-8)}
    return {"type": "sgd", "lr": o["lr"], "momentum": o.get("momentum", 0.9)}


def learning_rates_at(config, done):
    """Each network's lr for the iteration after `done` iterations (src/train/config.ts learningRatesAt)."""
    g = d = 1.0
    for step in config.get("schedule") or []:
        if step["at"] > done:
            break
        g = step.get("generator", step.get("factor", 1))
        d = step.get("discriminator", step.get("factor", 1))
    return config["optimizers"]["generator"]["lr"] * g, config["optimizers"]["discriminator"]["lr"] * d


def make_optimizer(net, o, lr, moment1, moment2, counters):
    """The optimizer for net with the engine's state loaded, so its next step is the engine's next step."""
    params = list(net.parameters())
    if o["type"] == "sgd":
        # engine: v = mu v + g; p -= lr v, which is torch's SGD (dampening 0) with v as its momentum buffer
        opt = torch.optim.SGD(params, lr=lr, momentum=o["momentum"])
        for p, v in zip(params, moment1):
            opt.state[p]["momentum_buffer"] = v.clone()
        return opt
    opt = torch.optim.Adam(params, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["eps"])
    # The engine corrects with (1 - b) S_t, S_t = 1 + b + ... + b^(t-1) kept as f32 (shaders/optim.wgsl); torch
    # with 1 - b^step. Equal for a run whose betas never changed, up to the f32 sum's drift (under 1e-3 relative,
    # for beta 0.9999 over 200k steps): check, as a run reconfigured with other betas differs by far more.
    t, s1, s2 = int(counters[0]), *np.array(counters[1:3]).view("<f4").astype(np.float64)
    for b, s in ((o["beta1"], s1), (o["beta2"], s2)):
        if t > 0 and abs((1 - b) * s - (1 - b ** t)) > 1e-2 * (1 - b ** t):
            print(f"warning: the checkpoint's bias correction {(1 - b) * s} is not 1 - {b}^{t}: were the betas changed?", file=sys.stderr)
    for p, m, v in zip(params, moment1, moment2):
        opt.state[p] = {"step": torch.tensor(float(t)), "exp_avg": m.clone(), "exp_avg_sq": v.clone()}
    return opt


@dataclass
class Run:
    config: dict
    iterations: int  # the iterations done, which also pick the lr from the schedule
    G: nn.Sequential
    D: nn.Sequential
    opt_g: torch.optim.Optimizer
    opt_d: torch.optim.Optimizer
    slots: dict = field(default_factory=dict)  # network -> (flat_layout slots, total floats)
    ddp: tuple = ()  # (G, D) wrapped in DistributedDataParallel under torchrun


def load_checkpoint(path):
    tensors, meta = read_safetensors(path)
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path}: format {meta.get('format')!r} is not {FORMAT}")
    config, iterations, dims = json.loads(meta["config"]), int(meta["iterations"]), int(meta["data_dims"])
    lrs = dict(zip(("generator", "discriminator"), learning_rates_at(config, iterations)))
    nets, opts, slots = {}, {}, {}
    for name, input_dim in (("generator", config["noise"]["dim"]), ("discriminator", dims * config.get("pack", 1))):
        layers = config[name]["layers"]
        if any(layer.get("type", "linear") != "linear" for layer in layers):
            raise ValueError(f"{path}: {name} has layers other than linear: the continuation (optimizers and all) "
                             "covers MLPs; load_networks(path) gives the weights of any network")
        net = nets[name] = build_mlp(input_dim, layers)
        slots[name] = flat_layout(input_dim, layers)
        linears = [m for m in net if isinstance(m, nn.Linear)]
        with torch.no_grad():
            for i, lin in enumerate(linears):  # stored [in, out]; torch.nn.Linear keeps [out, in]
                lin.weight.copy_(torch.from_numpy(tensors[f"{name}.l{i}.weight"].T.copy()))
                lin.bias.copy_(torch.from_numpy(tensors[f"{name}.l{i}.bias"].copy()))
        m1, m2 = (tensors[f"{name}.optimizer.moment{j}"] for j in (1, 2))
        if len(m1) != slots[name][1]:
            raise ValueError(f"{path}: {name}'s moments hold {len(m1)} floats, its layout {slots[name][1]}")
        c = COUNTERS[name]
        opts[name] = make_optimizer(net, resolve_optimizer(config["optimizers"][name]), lrs[name],
                                    unflatten(m1, slots[name][0]), unflatten(m2, slots[name][0]),
                                    tensors["optimizer.counters"][c:c + 3])
    return Run(config, iterations, nets["generator"], nets["discriminator"], opts["generator"], opts["discriminator"], slots)


def noise(config, n):
    dim = config["noise"]["dim"]
    return torch.randn(n, dim) if config["noise"]["distribution"] == "normal" else torch.rand(n, dim) * 2 - 1


def train(run, rows, iterations):
    """Algorithm 1 as the engine runs it (src/train/schedule.ts); returns (D loss, G loss) per iteration. Under
    torch.distributed each rank draws its own minibatch and DDP averages the gradients: batch world * batchSize."""
    cfg, n = run.config, run.config["batchSize"]
    G, D = run.ddp or (run.G, run.D)
    packs = n // cfg.get("pack", 1)  # D judges packs of rows (PacGAN): the same values read as wider rows
    zeros, real_labels = torch.zeros(packs, 1), torch.full((packs, 1), float(cfg["realLabel"]))
    losses = []
    for _ in range(iterations):
        lr_g, lr_d = learning_rates_at(cfg, run.iterations)
        for opt, lr in ((run.opt_g, lr_g), (run.opt_d, lr_d)):
            for group in opt.param_groups:
                group["lr"] = lr
        for _ in range(cfg["k"]):
            with torch.no_grad():
                fake = run.G(noise(cfg, n))  # the raw module: no DDP bookkeeping for a forward without backward
            real = rows[torch.randint(len(rows), (n,))]  # uniform, with replacement, as the engine's sampler
            logits = D(torch.cat([fake, real]).reshape(2 * packs, -1))  # one batch of 2n rows, fakes first, as the engine does
            d_loss = (F.binary_cross_entropy_with_logits(logits[:packs], zeros)
                      + F.binary_cross_entropy_with_logits(logits[packs:], real_labels))
            run.opt_d.zero_grad()
            d_loss.backward()
            run.opt_d.step()
        # G's step goes back through D to its input only: D's parameters get no gradient (and no allreduce)
        run.D.requires_grad_(False)
        logits = run.D(G(noise(cfg, n)).reshape(packs, -1))
        # minimax: minimize log(1 - D(G(z))) = -softplus(logit); non-saturating: minimize -log D(G(z)) = softplus(-logit)
        g_loss = (-F.softplus(logits) if cfg["loss"] == "minimax" else F.softplus(-logits)).mean()
        run.opt_g.zero_grad()
        g_loss.backward()
        run.opt_g.step()
        run.D.requires_grad_(True)
        run.iterations += 1
        losses.append((d_loss.item(), g_loss.item()))
    return losses


def main(argv=None):
    ap = argparse.ArgumentParser(description="Continue a webgpu-gan checkpoint in PyTorch.")
    ap.add_argument("checkpoint", help="a .safetensors checkpoint written by saveCheckpoint / the CLI")
    ap.add_argument("--data", required=True, help="a .npy array of rows (count, dims), the run's data")
    ap.add_argument("--iterations", type=int, default=1000, help="iterations of Algorithm 1 to run (default 1000)")
    ap.add_argument("--out", default="torch_state.pt", help="where to save G, D and the optimizers (torch.save)")
    ap.add_argument("--seed", type=int, help="torch's seed (default the config's; each rank adds its rank)")
    ap.add_argument("--log-every", type=int, default=100)
    args = ap.parse_args(argv)

    # torchrun sets WORLD_SIZE, RANK and the rendezvous variables; gloo runs on CPUs
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if distributed:
        torch.distributed.init_process_group("gloo")
    rank = torch.distributed.get_rank() if distributed else 0
    run = load_checkpoint(args.checkpoint)
    torch.manual_seed((run.config["seed"] if args.seed is None else args.seed) + rank)
    rows = torch.from_numpy(np.load(args.data).astype(np.float32))
    dims = run.config["generator"]["layers"][-1]["units"]
    if rows.ndim != 2 or rows.shape[1] != dims or len(rows) == 0:
        raise SystemExit(f"{args.data}: expected rows of {dims} values, got shape {tuple(rows.shape)}")
    if distributed:
        run.ddp = (nn.parallel.DistributedDataParallel(run.G), nn.parallel.DistributedDataParallel(run.D))
    losses, chunk = [], args.log_every if args.log_every > 0 else max(args.iterations, 1)
    while len(losses) < args.iterations:
        losses += train(run, rows, min(chunk, args.iterations - len(losses)))
        if rank == 0:
            print(f"iteration {run.iterations}: D loss {losses[-1][0]:.4f}, G loss {losses[-1][1]:.4f}", flush=True)
    if rank == 0:
        torch.save({"generator": run.G.state_dict(), "discriminator": run.D.state_dict(),
                    "opt_g": run.opt_g.state_dict(), "opt_d": run.opt_d.state_dict(),
                    "config": run.config, "iterations": run.iterations, "losses": losses}, args.out)
    if distributed:
        torch.distributed.destroy_process_group()
    return run, losses


if __name__ == "__main__":
    main()
