"""The throughput section (``tools/benchmark.py --throughput``, for GPUs): steady-state training, test latency and
test throughput of one config, with peak GPU memory and an optional profile."""
import gc
import math
import time

import numpy as np
import torch

from ..apis.cost import config_cost, pipeline_input
from ..config_utils import dataset_config, loader_settings, split_pipeline
from ..host import build_dataset, build_model
from ..runners import runtime
from .measure import time_inference, time_pipeline, time_training, train_batch_size
from .timing import device_name, endless, sync, timed_repeats


def time_test_throughput(cfg, model, batch_size, workers, device, **timing):
    """Test samples per second at ``batch_size``: the config's test dataset and pipeline in loader workers,
    transfer and scoring (every test clip), data loading included.

    Args:
        cfg (Config): The config (its test set).
        model (nn.Module): The built recognizer, on ``device``.
        batch_size (int): Samples per batch.
        workers (int): Loader worker processes.
        device (torch.device): Where the model runs.
        timing: :func:`timed_repeats` options (one batch per step).

    Returns:
        dict: ``samples_per_s`` and the timing record.
    """
    dataset = build_dataset(dataset_config(cfg, 'test', unwrap=False)[1], default_args=dict(test_mode=True))
    loader = runtime.build_loader(dataset, batch_size, workers, shuffle=False, drop_last=True, persistent_workers=True)
    if not len(loader):
        raise ValueError(f'the test set holds {len(dataset)} samples, fewer than one batch ({batch_size})')
    model.eval()
    batches = endless(loader)

    def step():
        start = time.perf_counter()
        runtime.predict(model, next(batches))
        sync(device)
        return time.perf_counter() - start, batch_size

    result = timed_repeats(step, min_steps=1, **timing)
    batches.close()  # with the loader gone too, its persistent workers exit
    del loader
    gc.collect()
    return dict(result, samples_per_s=1 / result['median'])


def measure_throughput(cfg, samples, device='cpu', iterations=200, warmup=20, batch_size=None, batch_gmacs=None,
                       workers=None, test_batch=256, test_batch_gmacs=4096., test_batches=10, latency_samples=20,
                       min_seconds=1., test_warmup=3, profile=0, log=print):
    """The throughput section's figures of one config: steady-state training clips/s (the median iteration of
    ``iterations`` after ``warmup``, data loading included), test latency per sample at batch 1 (pipeline
    included), test samples/s at a large batch, and peak GPU memory of each.

    Args:
        cfg (Config): A recognizer config whose datasets read the benchmark's annotations.
        samples (list[dict]): The annotations the latency is measured on.
        device (str): ``'cpu'`` or ``'cuda'``.
        iterations (int): Timed training iterations (each its own repeat; the median is reported).
        warmup (int): Uncounted training iterations first.
        batch_size, batch_gmacs: The training batch (:func:`train_batch_size`).
        workers (int | None): Loader workers; default the config's training loader's.
        test_batch (int): Test samples per batch, at most ...
        test_batch_gmacs (float): ... and at most this many forward GMACs per batch (at least one sample).
        test_batches (int): Timed test batches.
        latency_samples (int): Timed batch-1 test samples.
        min_seconds (float): Measured seconds of each of the 3 repeats of the pipeline timing, at least.
        test_warmup (int): Uncounted test batches and batch-1 samples first (a few: testing has no optimizer
            state to settle, and PoseC3D's test samples take about a second of loader work each).
        profile (int): Training iterations profiled after the timed ones (:func:`profile_steps`). Default: 0.
        log (callable): Progress messages.

    Returns:
        dict: The :data:`THROUGHPUT_FIELDS` (``loader_ms_per_clip``: the training pipeline's per-sample work, the
            loader workers' share, per clip on one core), ``train_iterations``, ``test_batches``,
            ``latency_samples``, ``workers``, ``device``, ``device_name``, ``precision`` and ``channels_last``
            (the config's, ``runtime.prepare_model``); ``peak_*_mb`` on CUDA only; with
            ``profile``, ``profile_device_busy`` and the ``profile`` record.
    """
    device = torch.device(device)
    np.random.seed(0)
    torch.manual_seed(0)
    model = build_model(cfg.model)
    train_cost = config_cost(cfg, samples[0], 'train', model)
    test_cost = config_cost(cfg, samples[0], 'test', model)
    settings = runtime.prepare_model(model.to(device), cfg)
    batch = train_batch_size(cfg, train_cost['gmacs_per_clip'], batch_gmacs, batch_size)
    per_test_batch = int(max(1, min(test_batch, test_batch_gmacs // test_cost['gmacs_per_sample'])))
    if workers is None:
        workers = loader_settings(cfg, 'train')['workers']
    entry = dict(device=str(device), device_name=device_name(device), workers=workers, train_batch=batch,
                 test_batch=per_test_batch, train_iterations=iterations, test_batches=test_batches,
                 latency_samples=latency_samples, **settings)
    timing = dict(min_seconds=0., budget_seconds=math.inf)

    def peak_mb():
        if device.type != 'cuda':
            return None
        value = torch.cuda.max_memory_allocated(device) / 2**20
        torch.cuda.reset_peak_memory_stats(device)
        return value

    log('training pipeline (per sample)')
    loader = time_pipeline(split_pipeline(cfg, 'train'), [pipeline_input(s) for s in samples],
                           train_cost['clips_per_sample'], repeats=3, warmup=1, min_seconds=min_seconds)
    entry['loader_ms_per_clip'] = loader['ms']
    peak_mb()
    log(f'training: batch {batch}, {workers} loader workers, {iterations} iterations after {warmup}')
    train = time_training(cfg, model, batch, workers, train_cost['clips_per_sample'], device, min_steps=1,
                          repeats=iterations, warmup=warmup, profile=profile, **timing)
    if profile:
        entry.update(profile=train['profile'], profile_device_busy=train['profile']['device_busy'])
    entry.update(train_clips_per_s=train['clips_per_s'],
                 train_ms_per_iteration=train['median'] * batch * train_cost['clips_per_sample'] * 1e3,
                 peak_train_mb=peak_mb())
    log(f'test latency: batch 1, {latency_samples} samples')
    latency = time_inference(cfg, model, samples, device, with_pipeline=True, min_steps=1,
                             repeats=latency_samples, warmup=test_warmup, **timing)
    log(f'test throughput: batch {per_test_batch}, {test_batches} batches')
    test = time_test_throughput(cfg, model, per_test_batch, workers, device, repeats=test_batches,
                                warmup=test_warmup, **timing)
    entry.update(test_latency_ms=latency['ms'], test_samples_per_s=test['samples_per_s'], peak_test_mb=peak_mb())
    return {key: value for key, value in entry.items() if value is not None}
