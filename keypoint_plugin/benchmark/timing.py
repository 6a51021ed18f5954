"""The timing harness: medians over repeats, a training iteration profiled, the device in words."""
import math
import os
import platform
import statistics
from itertools import count

import torch


def timed_repeats(step, min_steps=1, repeats=3, warmup=1, min_seconds=0., budget_seconds=math.inf):
    """Median time per unit of work over repeats.

    Each repeat calls ``step`` at least ``min_steps`` times and until its steps took ``min_seconds``; its
    time per unit is the steps' seconds over their units. Repeats stop early, after at least one, once the
    repeats so far took ``budget_seconds`` (the heatmap model's steps are long).

    Args:
        step (callable): Does one unit of work or more and returns ``(seconds, units)``; it times the part
            to measure itself, so its set-up stays out.
        min_steps (int): Steps per repeat, at least.
        repeats (int): Repeats, at most.
        warmup (int): Steps run first and not counted.
        min_seconds (float): Measured seconds per repeat, at least.
        budget_seconds (float): No further repeat once the repeats took this long.

    Returns:
        dict: ``median`` (seconds per unit), ``values`` (per repeat), ``repeats`` (done) and ``units``
            (counted in all).
    """
    for _ in range(warmup):
        step()
    values, units_done, spent = [], 0, 0.
    for _ in range(repeats):
        seconds = units = steps = 0
        while steps < min_steps or seconds < min_seconds:
            dt, n = step()
            seconds, units, steps = seconds + dt, units + n, steps + 1
        values.append(seconds / units)
        units_done += units
        spent += seconds
        if spent >= budget_seconds:
            break
    return dict(median=statistics.median(values), values=values, repeats=len(values), units=units_done)


def sync(device):
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def cycle(items):
    for i in count():
        yield items[i % len(items)]


def endless(loader):
    """The loader's batches, epoch after epoch."""
    while True:
        yield from loader


def profile_steps(step, steps, device, row_limit=30):
    """``steps`` calls of ``step`` under torch.profiler: where a training iteration's time goes.

    Returns:
        dict: ``wall_ms_per_step`` (the steps' own timing), ``device_ms_per_step`` (CUDA: kernels and copies,
        summed; on a CPU the operators' self time) and ``device_busy`` (their ratio: near 1, the device's work
        bounds the step; well below, the host's side does: launches, Python, loading), and ``table`` (operators
        by self device time, or self CPU time on a CPU).
    """
    from torch.autograd import DeviceType
    from torch.profiler import ProfilerActivity, profile

    cuda = device.type == 'cuda'
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])
    with profile(activities=activities) as prof:
        wall = sum(step()[0] for _ in range(steps))
    events = prof.key_averages()
    if cuda:
        # The kernels' and copies' own entries (as the table's total): an operator's entry repeats its kernels'.
        busy_us = sum(e.self_device_time_total for e in events if e.device_type != DeviceType.CPU)
        sort_by = 'self_device_time_total'
    else:
        busy_us = sum(e.self_cpu_time_total for e in events)
        sort_by = 'self_cpu_time_total'
    wall_ms, busy_ms = wall * 1e3 / steps, busy_us * 1e-3 / steps
    return dict(steps=steps, wall_ms_per_step=wall_ms, device_ms_per_step=busy_ms, device_busy=busy_ms / wall_ms,
                table=events.table(sort_by=sort_by, row_limit=row_limit))


def device_name(device):
    """The device in words: the GPU's name, or the CPU's architecture and core count."""
    device = torch.device(device)
    if device.type == 'cuda':
        return torch.cuda.get_device_name(device)
    return f'CPU ({platform.machine()}, {os.cpu_count()} cores)'
