"""The PyTorch reference of every workload of BENCHMARKS.md, line by line, for `ebm bench --peer`.

Each workload is defined as that page defines it (float32; MLP(d, h) = d -> h -> h -> 1 with
softplus after the first two layers; every weight and bias U(-1/sqrt(fan_in), +1/sqrt(fan_in));
Adam 1e-3, betas (0.9, 0.999), eps 1e-8; batch k is the contiguous slice starting at (k*B) mod N
of a pool generated once; a step draws its own noise). Timing: warm-up, then the median steps/s
over --repetitions of about --seconds each. Prints one JSON line per workload:
{"workload", "threads", "steps_per_second", "repetitions", "peak_rss_bytes"}; run one workload
per process (--only NAME) for its peak resident memory to be its own.
"""

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time


def threads_asked(argv):
    """The --threads value, read before torch is imported (default 1)."""
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


# Debian's PyTorch calls the system BLAS (OpenBLAS once libopenblas0-pthread is installed), whose
# own thread pool ignores torch.set_num_threads and, on top of torch's intra-op pool, oversubscribes
# two vCPUs: at 2 torch threads, dsm_mlp2d ran 84-121 steps/s with OpenBLAS at 2 threads and
# 224-225 with it at 1. So OpenBLAS keeps one thread and torch's pool does the parallel work.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = threads_asked(sys.argv[1:])

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def uniform_init(tensor, fan_in):
    bound = 1.0 / math.sqrt(fan_in)
    with torch.no_grad():
        tensor.uniform_(-bound, bound)


class Mlp(torch.nn.Module):
    """MLP(d, h): d -> h -> h -> 1, softplus after the first two layers; the output is E, shape [B]."""

    def __init__(self, d, h):
        super().__init__()
        self.layers = torch.nn.ModuleList(
            [torch.nn.Linear(d, h), torch.nn.Linear(h, h), torch.nn.Linear(h, 1)])
        for layer in self.layers:
            uniform_init(layer.weight, layer.in_features)
            uniform_init(layer.bias, layer.in_features)

    def forward(self, x):
        x = F.softplus(self.layers[0](x))
        x = F.softplus(self.layers[1](x))
        return self.layers[2](x).squeeze(1)


class Conv28(torch.nn.Module):
    """conv3x3 1->32 s1, conv3x3 32->64 s2, conv3x3 64->128 s2 (padding 1, softplus each); 6272 -> 1."""

    def __init__(self):
        super().__init__()
        self.convs = torch.nn.ModuleList([
            torch.nn.Conv2d(1, 32, 3, stride=1, padding=1),
            torch.nn.Conv2d(32, 64, 3, stride=2, padding=1),
            torch.nn.Conv2d(64, 128, 3, stride=2, padding=1)])
        for conv in self.convs:
            fan_in = conv.in_channels * 3 * 3
            uniform_init(conv.weight, fan_in)
            uniform_init(conv.bias, fan_in)
        self.dense = torch.nn.Linear(6272, 1)
        uniform_init(self.dense.weight, 6272)
        uniform_init(self.dense.bias, 6272)

    def forward(self, x):
        for conv in self.convs:
            x = F.softplus(conv(x))
        return self.dense(x.flatten(1)).squeeze(1)


def eight_gaussians(generator, n=65536):
    k = torch.randint(0, 8, (n,), generator=generator)
    angle = 2 * math.pi * k.float() / 8
    centres = 2 * torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    return centres + 0.1 * torch.randn(n, 2, generator=generator)


def standard_normal(generator, d, n=16384):
    return torch.randn(n, d, generator=generator)


def uniform_images(generator, n=4096):
    return torch.rand(n, 1, 28, 28, generator=generator)


class Batches:
    """Batch k is the contiguous slice starting at (k*B) mod N."""

    def __init__(self, pool, batch):
        self.pool, self.batch, self.k = pool, batch, 0

    def next(self):
        n = self.pool.shape[0]
        start = (self.k * self.batch) % n
        self.k += 1
        return self.pool[start:start + self.batch]


def input_gradient(energy, x, create_graph):
    return torch.autograd.grad(energy.sum(), x, create_graph=create_graph)[0]


def sum_per_sample(t):
    return t.flatten(1).sum(1)


def dsm_loss(model, x, sigma=0.1):
    eps = torch.randn_like(x)
    noisy = (x + sigma * eps).requires_grad_(True)
    g = input_gradient(model(noisy), noisy, create_graph=True)
    return (0.5 * sum_per_sample((eps / sigma - g) ** 2)).mean()


def esm_loss(model, x):
    x = x.requires_grad_(True)
    g = input_gradient(model(x), x, create_graph=True)
    trace = torch.zeros(x.shape[0])
    for i in range(x.shape[1]):
        trace = trace + torch.autograd.grad(g[:, i].sum(), x, create_graph=True)[0][:, i]
    return (0.5 * (g ** 2).sum(1) - trace).mean()


def ssm_loss(model, x):
    x = x.requires_grad_(True)
    g = input_gradient(model(x), x, create_graph=True)
    v = torch.randint(0, 2, x.shape).float() * 2 - 1
    hv = torch.autograd.grad((v * g).sum(), x, create_graph=True)[0]
    return (0.5 * (g ** 2).sum(1) - (v * hv).sum(1)).mean()


class NceLoss:
    """Noise q: a Gaussian fitted once to the pool; one forward on the stacked data and noise."""

    def __init__(self, pool):
        mean = pool.mean(0)
        centred = pool - mean
        covariance = centred.T @ centred / pool.shape[0]
        self.q = torch.distributions.MultivariateNormal(mean, covariance)
        self.c = torch.zeros((), requires_grad=True)

    def __call__(self, model, x):
        noise = self.q.sample((x.shape[0],))
        both = torch.cat([x, noise])
        g = -model(both) - self.c - self.q.log_prob(both)
        b = x.shape[0]
        return F.softplus(-g[:b]).mean() + F.softplus(g[b:]).mean()


def training_step(model, loss, batches, parameters):
    optimizer = torch.optim.Adam(parameters, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss(model, batches.next()).backward()
        optimizer.step()

    return step


def workloads():
    """name -> (builder of a no-argument function doing `unit` steps, unit)."""
    table = {}

    def mlp_training(d, h, loss_of, pool_of, batch):
        def build(generator):
            pool = pool_of(generator)
            model = Mlp(d, h)
            loss = loss_of(pool)
            parameters = list(model.parameters())
            if isinstance(loss, NceLoss):
                parameters.append(loss.c)
            return training_step(model, loss, Batches(pool, batch), parameters)
        return build

    table["dsm_mlp2d"] = (mlp_training(2, 128, lambda p: dsm_loss, eight_gaussians, 1024), 1)
    table["esm_mlp2d"] = (mlp_training(2, 128, lambda p: esm_loss, eight_gaussians, 1024), 1)
    table["ssm_mlp2d"] = (mlp_training(2, 128, lambda p: ssm_loss, eight_gaussians, 1024), 1)
    table["nce_mlp2d"] = (mlp_training(2, 128, NceLoss, eight_gaussians, 1024), 1)

    def langevin(generator):
        model = Mlp(2, 128)
        for p in model.parameters():
            p.requires_grad_(False)
        start = torch.randn(1024, 2, generator=generator)

        def chain():
            x = start.clone()
            for _ in range(100):
                x.requires_grad_(True)
                g = input_gradient(model(x), x, create_graph=False)
                x = (x - 0.005 * g + math.sqrt(0.01) * torch.randn_like(x)).detach()
        return chain

    table["langevin_mlp2d"] = (langevin, 100)
    for d in (2, 8, 32, 128):
        normal = (lambda dd: lambda g: standard_normal(g, dd))(d)
        table["ssm_mlp_d%d" % d] = (mlp_training(d, 256, lambda p: ssm_loss, normal, 256), 1)
    for d in (2, 8, 32, 128):
        normal = (lambda dd: lambda g: standard_normal(g, dd))(d)
        table["esm_mlp_d%d" % d] = (mlp_training(d, 256, lambda p: esm_loss, normal, 256), 1)

    def conv(generator):
        pool = uniform_images(generator)
        model = Conv28()
        return training_step(model, dsm_loss, Batches(pool, 64), list(model.parameters()))

    table["dsm_conv28"] = (conv, 1)
    return table


def rate(run, unit, seconds):
    calls, start = 0, time.perf_counter()
    while True:
        run()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls * unit / elapsed


def peak_resident_bytes():
    """This process's peak resident memory: /proc's VmHWM, which starts afresh at exec (ru_maxrss
    keeps the peak of the process that started this one, e.g. a JVM)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def matmul_gflops(n=1024, calls=5):
    """A float32 n x n product's rate: shows which BLAS torch runs on (reference BLAS: ~5)."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    start = time.perf_counter()
    for _ in range(calls):
        a @ b
    return 2 * n ** 3 * calls / (time.perf_counter() - start) / 1e9


def main(argv):
    table = workloads()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(table), help="workloads, by ','")
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = args.only.split(",")
    unknown = [n for n in names if n not in table]
    if unknown:
        parser.error("unknown workload(s) %s; known: %s" % (", ".join(unknown), ", ".join(table)))
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    peak = matmul_gflops()
    for name in names:
        torch.manual_seed(args.seed)
        generator = torch.Generator().manual_seed(args.seed)
        build, unit = table[name]
        run = build(generator)
        rate(run, unit, max(0.5, args.seconds))  # warm-up
        rates = [rate(run, unit, args.seconds) for _ in range(args.repetitions)]
        print(json.dumps({
            "workload": name,
            "threads": args.threads,
            "steps_per_second": statistics.median(rates),
            "repetitions": rates,
            "peak_rss_bytes": peak_resident_bytes(),
            "matmul_gflops": peak,
            "torch": torch.__version__,
        }), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
