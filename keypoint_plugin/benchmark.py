"""Cost benchmark of recognizer configs on the same annotation samples: model cost (one counter for every
model), data pipeline time, end-to-end training throughput, inference latency and peak memory.

``tools/benchmark.py`` runs :func:`measure_config` once per config, each in a fresh process so that the peak
memory is the config's own, and :func:`pipeline_same_size` once, then tabulates with :func:`add_ratios`.
"""
import copy
import gc
import math
import os
import os.path as osp
import platform
import resource
import statistics
import time
from itertools import count

import numpy as np
import torch

from .apis.cost import config_cost, model_input_key, split_pipeline
from .config_utils import dataset_config, loader_settings
from .host import FAMILY, HOST, Compose, build_dataset, build_model, load, runtime

# Fields of a config's entry, how to tabulate them, and the direction of its ratio to the first config:
# ``lower`` (cost: ratio = first / this) or ``higher`` (throughput: ratio = this / first). Either way a
# ratio above 1 says this config is better by that factor.
FIELDS = (
    ('params', 'params', '{:,.0f}', 'lower'),
    ('gmacs_per_clip', 'GMACs/clip', '{:.4g}', 'lower'),
    ('gmacs_per_train_clip', 'GMACs/train clip', '{:.4g}', 'lower'),
    ('gmacs_per_test_sample', 'GMACs/test sample', '{:.4g}', 'lower'),
    ('input_bytes_per_clip', 'input KB/clip', '{:.4g}', 'lower'),
    ('pipeline_ms_per_clip_train', 'pipeline ms/train clip', '{:.4g}', 'lower'),
    ('pipeline_ms_per_clip_test', 'pipeline ms/test clip', '{:.4g}', 'lower'),
    ('train_clips_per_s', 'train clips/s', '{:.4g}', 'higher'),
    ('test_ms_per_sample', 'test ms/sample', '{:.4g}', 'lower'),
    ('peak_rss_mb', 'peak RSS MB', '{:.0f}', 'lower'),
    ('peak_cuda_mb', 'peak CUDA MB', '{:.0f}', 'lower'),
)

# The pipeline-only comparison at one size: each variant's own stage on the same keypoints, sampled (48
# frames), cropped to the persons and resized to 56 x 56 once beforehand, as PoseC3D's training pipeline does.
SAME_SIZE_CLIP_LEN = 48
SAME_SIZE = 56
SAME_SIZE_PREFIX = [
    dict(type='UniformSampleFrames', clip_len=SAME_SIZE_CLIP_LEN, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='PoseCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(SAME_SIZE, SAME_SIZE), keep_ratio=False),
]
SAME_SIZE_STAGES = dict(
    heatmap=[dict(type='GeneratePoseTarget', sigma=0.6, use_score=True, with_kp=True, with_limb=False),
             dict(type='FormatShape', input_format='NCTHW')],
    grayscale=[dict(type='GrayscaleRender', sigma=0.6)],
    raw_kp=[dict(type='KeypointNormalize', mode='skeleton'),
            dict(type='PackRawKeypoint', num_person=2, with_score=True)],
)


def stgcn_config():
    """Path of the host's ST-GCN config for 2D COCO keypoints on NTU-60 X-Sub, or None where it ships none.

    MMAction2 ships ``configs/skeleton/stgcn/stgcn_80e_ntu60_xsub_keypoint.py`` (0.x) or
    ``stgcn_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d.py`` (1.x) inside its package; pyskl has
    ``configs/stgcn++/stgcn++_ntu60_xsub_hrnet/j.py`` in its source tree (``PYSKL_ROOT``, else the folder above
    the installed package).
    """
    if HOST == 'pyskl':
        import pyskl
        root = os.environ.get('PYSKL_ROOT') or osp.dirname(osp.dirname(pyskl.__file__))
        path = osp.join(root, 'configs', 'stgcn++', 'stgcn++_ntu60_xsub_hrnet', 'j.py')
    else:
        import mmaction
        name = ('stgcn_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d.py' if FAMILY == 'mmengine' else
                'stgcn_80e_ntu60_xsub_keypoint.py')
        path = osp.join(osp.dirname(mmaction.__file__), '.mim', 'configs', 'skeleton', 'stgcn', name)
    return path if osp.isfile(path) else None


def config_name(path):
    """Short name of a config file: its folder and stem, e.g. ``'raw_kp/synthetic'``."""
    return f'{osp.basename(osp.dirname(osp.abspath(path)))}/{osp.splitext(osp.basename(path))[0]}'


def _dataset_cfgs(cfg):
    """The train, val and test dataset dicts of either config family (inside repeat wrappers)."""
    return {split: dataset_config(cfg, split)[1] for split in ('train', 'val', 'test')}


def data_settings(cfg):
    """What :func:`align_config` copies from the reference config: annotation file, splits, class count.

    Args:
        cfg (Config): The reference (first) config.

    Returns:
        dict: ``ann_file``, ``splits`` ({'train', 'val', 'test'} -> split name or None), ``num_classes``.
    """
    datasets = _dataset_cfgs(cfg)
    return dict(ann_file=datasets['test'].ann_file, splits={k: d.get('split') for k, d in datasets.items()},
                num_classes=cfg.model.cls_head.num_classes)


def align_config(cfg, settings):
    """Point every dataset of ``cfg`` at the benchmark's annotations, splits and class count, in place.

    Our configs already agree with each other; the host's ST-GCN config reads other files (MMAction2: one
    pickle per split, no ``split`` key) and has 60 classes.

    Args:
        cfg (Config): A recognizer config.
        settings (dict): From :func:`data_settings`.
    """
    for name, dataset in _dataset_cfgs(cfg).items():
        dataset.ann_file = settings['ann_file']
        dataset.split = settings['splits'][name]
    cfg.model.cls_head.num_classes = settings['num_classes']


def select_samples(annotations, num):
    """``num`` annotations spread evenly over the list (all classes of a class-ordered file), in order.

    Args:
        annotations (list[dict]): The annotation file's ``annotations``.
        num (int): How many, >= 1.
    """
    if not annotations:
        raise ValueError('the annotation file holds no annotations')
    index = np.unique(np.linspace(0, len(annotations) - 1, max(1, num)).round().astype(int))
    return [annotations[i] for i in index]


def _pipeline_input(sample):
    """What a host dataset hands its pipeline: a copy of the annotation with its bookkeeping keys."""
    results = dict(copy.deepcopy(sample), start_index=0, modality='Pose')
    results.setdefault('total_frames', results['keypoint'].shape[1])
    return results


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


def _sync(device):
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def _cycle(items):
    for i in count():
        yield items[i % len(items)]


def _endless(loader):
    """The loader's batches, epoch after epoch."""
    while True:
        yield from loader


def time_pipeline(pipeline, inputs, clips_per_sample=1, **timing):
    """Milliseconds per clip of a host ``Compose`` over ``inputs``, cycled (one pass per repeat at least).

    Args:
        pipeline (list[dict]): Pipeline steps.
        inputs (list[dict]): Pipeline inputs; each call gets a copy, made outside the timed part.
        clips_per_sample (int): Clips one call produces.
        timing: :func:`timed_repeats` options but ``min_steps``.
    """
    compose, source = Compose(pipeline), _cycle(inputs)

    def step():
        results = copy.deepcopy(next(source))
        start = time.perf_counter()
        compose(results)
        return time.perf_counter() - start, clips_per_sample

    result = timed_repeats(step, min_steps=len(inputs), **timing)
    return dict(result, ms=result['median'] * 1e3)


def train_batch_size(cfg, gmacs_per_train_clip, batch_gmacs=None, batch_size=None):
    """Training batch: ``batch_size``, else the config's, cut so a batch's forward stays under ``batch_gmacs``.

    On a CPU a heavy model's throughput hardly depends on the batch, and a full PoseC3D batch of 16 takes
    minutes there.

    Args:
        cfg (Config): The config (its training loader's batch).
        gmacs_per_train_clip (float): Forward GMACs of one training clip.
        batch_gmacs (float | None): Forward GMACs per batch, at most (always at least one sample); None: no cut.
        batch_size (int | None): Use this batch instead.
    """
    if batch_size:
        return int(batch_size)
    configured = loader_settings(cfg, 'train')['batch_size']
    if batch_gmacs is None:
        return configured
    return int(max(1, min(configured, batch_gmacs // max(gmacs_per_train_clip, 1e-9))))


def time_training(cfg, model, batch_size, workers, clips_per_sample, device, profile=0, **timing):
    """End-to-end training throughput in clips per second: the config's dataset and pipeline in loader
    workers, forward, backward and optimizer step, as the host's runner does them (``runtime.train_step``).

    Args:
        cfg (Config): The config (its training set and loader, ``optimizer`` / ``optim_wrapper``).
        model (nn.Module): The built recognizer, on ``device``.
        batch_size (int): Samples per iteration.
        workers (int): Loader worker processes.
        clips_per_sample (int): Clips of one training sample.
        device (torch.device): Where the model runs.
        profile (int): After the timed iterations, this many more under :func:`profile_steps`. Default: 0.
        timing: :func:`timed_repeats` options.

    Returns:
        dict: ``clips_per_s``, the timing record and, with ``profile``, ``profile`` (:func:`profile_steps`).
    """
    dataset = build_dataset(dataset_config(cfg, 'train', unwrap=False)[1])
    if len(dataset) < batch_size:
        raise ValueError(f'the training set holds {len(dataset)} samples, fewer than one batch ({batch_size})')
    loader = runtime.build_loader(dataset, batch_size, workers, shuffle=True, seed=0, drop_last=True,
                                  persistent_workers=True,
                                  prefetch_factor=loader_settings(cfg, 'train')['prefetch_factor'])
    optim = runtime.build_optimizer(model, cfg)
    model.train()
    batches = _endless(loader)

    def step():
        start = time.perf_counter()
        samples = runtime.train_step(model, next(batches), optim)
        _sync(device)
        return time.perf_counter() - start, samples * clips_per_sample

    result = dict(timed_repeats(step, **timing))
    if profile:
        result['profile'] = profile_steps(step, profile, device)
    batches.close()  # with the loader gone too, its persistent workers exit
    del loader
    gc.collect()
    return dict(result, clips_per_s=1 / result['median'])


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


def time_inference(cfg, model, samples, device, with_pipeline=False, **timing):
    """Milliseconds per test sample of the model's clip-averaged scores (``runtime.predict``: the batch's transfer
    and the scoring), batch 1, on the test pipeline's output of ``samples`` (cycled).

    Args:
        cfg (Config): The config (its test pipeline).
        model (nn.Module): The built recognizer, on ``device``.
        samples (list[dict]): Annotations.
        device (torch.device): Where the model runs.
        with_pipeline (bool): Time from the annotation (pipeline and collation included), the latency a caller
            sees; else the model alone.
        timing: :func:`timed_repeats` options.
    """
    compose, source = Compose(split_pipeline(cfg, 'test')), _cycle(samples)
    model.eval()

    def step():
        sample = _pipeline_input(next(source))
        start = time.perf_counter()
        batch = runtime.collate([compose(sample)])
        if not with_pipeline:
            start = time.perf_counter()
        runtime.predict(model, batch)
        _sync(device)
        return time.perf_counter() - start, 1

    result = timed_repeats(step, **timing)
    return dict(result, ms=result['median'] * 1e3)


def measure_config(cfg, samples, device='cpu', repeats=3, warmup=1, min_seconds=1., budget_seconds=30.,
                   batch_gmacs=None, batch_size=None, workers=None, log=print):
    """Every figure of one config on ``samples``.

    Args:
        cfg (Config): A recognizer config whose datasets read the benchmark's annotations.
        samples (list[dict]): The annotations the pipelines and inference run on.
        device (str): ``'cpu'`` or ``'cuda'``.
        repeats (int): Timed repeats per measurement, at most; medians are reported.
        warmup (int): Uncounted steps before each measurement.
        min_seconds (float): Measured seconds per repeat, at least.
        budget_seconds (float): No further repeat of a measurement once its repeats took this long.
        batch_gmacs (float): See :func:`train_batch_size`.
        batch_size (int | None): Training batch for every config.
        workers (int | None): Loader workers; default the config's training loader's.
        log (callable): Progress messages.

    Returns:
        dict: ``params``; ``gmacs_per_clip`` (a test clip), ``gmacs_per_train_clip``, ``gmacs_per_test_sample``
            (all its clips), ``clips_per_test_sample``, ``clips_per_train_sample``, ``clip_shape``,
            ``train_clip_shape``, ``input_key``, ``input_bytes_per_clip`` (float32 test clip);
            ``pipeline_ms_per_clip_train``, ``pipeline_ms_per_clip_test``, ``pipeline_ms_per_test_sample``;
            ``train_clips_per_s`` with ``train_batch``, ``train_workers``, ``train_iterations`` (timed);
            ``test_ms_per_sample`` (model only, batch 1); ``peak_rss_mb`` (this process),
            ``peak_rss_workers_mb`` (largest loader worker), ``peak_cuda_mb`` (CUDA only); ``per_repeat``
            (each timed figure per repeat), ``samples``, ``device``, ``torch_threads``, ``precision`` and
            ``channels_last`` (``runtime.prepare_model``). Timed figures are medians over the repeats.
    """
    device = torch.device(device)
    if device.type == 'cuda':
        torch.cuda.reset_peak_memory_stats(device)
    timing = dict(repeats=repeats, warmup=warmup, min_seconds=min_seconds, budget_seconds=budget_seconds)
    np.random.seed(0)
    torch.manual_seed(0)
    model = build_model(cfg.model)

    log('model cost')
    test_cost = config_cost(cfg, samples[0], 'test', model)
    train_cost = config_cost(cfg, samples[0], 'train', model)
    train_clips = train_cost['clips_per_sample']
    test_clips = test_cost['clips_per_sample']

    log('data pipelines')
    pipelines = {split: time_pipeline(split_pipeline(cfg, split), [_pipeline_input(s) for s in samples],
                                      clips, **timing)
                 for split, clips in (('train', train_clips), ('test', test_clips))}

    settings = runtime.prepare_model(model.to(device), cfg)
    batch = train_batch_size(cfg, train_cost['gmacs_per_clip'], batch_gmacs, batch_size)
    if workers is None:
        workers = loader_settings(cfg, 'train')['workers']
    log(f'training: batch {batch}, {workers} loader workers')
    train = time_training(cfg, model, batch, workers, train_clips, device, min_steps=1, **timing)
    log('inference')
    test = time_inference(cfg, model, samples, device, min_steps=1, **timing)

    to_mb = 1 / 1024  # ru_maxrss is in KiB on Linux
    entry = dict(
        params=test_cost['params'], gmacs_per_clip=test_cost['gmacs_per_clip'],
        gmacs_per_train_clip=train_cost['gmacs_per_clip'], gmacs_per_test_sample=test_cost['gmacs_per_sample'],
        clips_per_test_sample=test_clips, clips_per_train_sample=train_clips,
        clip_shape=list(test_cost['clip_shape']), train_clip_shape=list(train_cost['clip_shape']),
        input_key=model_input_key(split_pipeline(cfg, 'test')),
        input_bytes_per_clip=test_cost['input_bytes_per_clip'],
        pipeline_ms_per_clip_train=pipelines['train']['ms'], pipeline_ms_per_clip_test=pipelines['test']['ms'],
        pipeline_ms_per_test_sample=pipelines['test']['ms'] * test_clips,
        train_clips_per_s=train['clips_per_s'], train_batch=batch, train_workers=workers,
        train_iterations=train['units'] // (batch * train_clips),
        test_ms_per_sample=test['ms'],
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * to_mb,
        peak_rss_workers_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * to_mb,
        # Each repeat's figure, to show the spread behind the medians.
        per_repeat=dict(pipeline_ms_per_clip_train=[v * 1e3 for v in pipelines['train']['values']],
                        pipeline_ms_per_clip_test=[v * 1e3 for v in pipelines['test']['values']],
                        train_clips_per_s=[1 / v for v in train['values']],
                        test_ms_per_sample=[v * 1e3 for v in test['values']]),
        samples=len(samples), device=str(device), torch_threads=torch.get_num_threads(), **settings)
    if device.type == 'cuda':
        entry['peak_cuda_mb'] = torch.cuda.max_memory_allocated(device) / 2**20
    return entry


# The throughput section's fields: key, label, format.
THROUGHPUT_FIELDS = (
    ('loader_ms_per_clip', 'loader ms/train clip (1 core)', '{:.3g}'),
    ('precision', 'precision', '{}'),
    ('channels_last', 'channels-last', '{}'),
    ('train_batch', 'train batch', '{:d}'),
    ('train_clips_per_s', 'train clips/s', '{:,.5g}'),  # PoseC3D on a CPU: under 1
    ('train_ms_per_iteration', 'train ms/iteration', '{:.3g}'),
    ('test_latency_ms', 'test latency ms/sample (batch 1)', '{:.3g}'),
    ('test_batch', 'test batch', '{:d}'),
    ('test_samples_per_s', 'test samples/s (test batch)', '{:,.1f}'),
    ('peak_train_mb', 'peak GPU MB, training', '{:,.0f}'),
    ('peak_test_mb', 'peak GPU MB, testing', '{:,.0f}'),
    ('profile_device_busy', 'device busy in training (profile)', '{:.0%}'),
)


def device_name(device):
    """The device in words: the GPU's name, or the CPU's architecture and core count."""
    device = torch.device(device)
    if device.type == 'cuda':
        return torch.cuda.get_device_name(device)
    return f'CPU ({platform.machine()}, {os.cpu_count()} cores)'


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
    batches = _endless(loader)

    def step():
        start = time.perf_counter()
        runtime.predict(model, next(batches))
        _sync(device)
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
    loader = time_pipeline(split_pipeline(cfg, 'train'), [_pipeline_input(s) for s in samples],
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


def throughput_report(entries):
    """The throughput section as markdown: one row per measured config, on the device(s) named."""
    devices = sorted({e['device_name'] for e in entries})
    fields = [field for field in THROUGHPUT_FIELDS if any(field[0] in e for e in entries)]
    header = ['config'] + [label for _, label, _ in fields]
    rows = [[e['name']] + [fmt.format(e[key]) if key in e else '-' for key, _, fmt in fields] for e in entries]
    return f'## Throughput on {", ".join(devices)}\n\n' + _markdown(header, rows) + '\n'


def profile_report(entries):
    """The profiled training iterations of each config as markdown: wall and device time per iteration and the
    operators' table (:func:`profile_steps`)."""
    parts = []
    for e in entries:
        if 'profile' not in e:
            continue
        p = e['profile']
        parts.append(f"## {e['name']} on {e['device_name']}\n\n{p['steps']} training iterations (batch "
                     f"{e['train_batch']}): {p['wall_ms_per_step']:.3g} ms each, device busy "
                     f"{p['device_ms_per_step']:.3g} ms ({p['device_busy']:.0%})\n\n```\n{p['table']}\n```\n")
    return '\n'.join(parts)


def two_person(sample):
    """The annotation with exactly two persons: its first two, else its person and a mirror image of it.

    The mirror (``x -> w - 1 - x`` in ``img_shape``) stands beside the person, as a second actor would; joints
    missing in the person (score 0) stay missing.

    Args:
        sample (dict): A 2D annotation (``keypoint`` [M, T, V, 2], ``keypoint_score``, ``img_shape``).
    """
    keypoint, score = sample['keypoint'], sample['keypoint_score']
    if keypoint.shape[0] >= 2:
        return dict(sample, keypoint=keypoint[:2], keypoint_score=score[:2])
    mirror = keypoint[:1].copy()
    mirror[..., 0] = np.where(score[:1] > 0, sample['img_shape'][1] - 1 - mirror[..., 0], 0)
    return dict(sample, keypoint=np.concatenate([keypoint[:1], mirror]),
                keypoint_score=np.concatenate([score[:1], score[:1]]))


def pipeline_same_size(samples, persons=(1, 2), **timing):
    """Per-clip time of PoseC3D's heatmap stage, our grayscale render and our raw packing, all at 48 frames
    and 56 x 56 on the same resized keypoints of ``samples``, for 1 and 2 persons.

    Args:
        samples (list[dict]): 2D annotations (``keypoint`` [M, T, V, 2] with ``keypoint_score``).
        persons (tuple[int]): Person counts to compare (1 or 2).
        timing: :func:`timed_repeats` options but ``min_steps``.

    Returns:
        dict: ``clip_len``, ``size`` and ``rows`` (``persons``, ``variant``, ``ms_per_clip``, ``ratio``: the
            heatmap stage's time over this one's, ``repeats``).
    """
    for sample in samples:
        if sample['keypoint'].shape[-1] != 2 or 'keypoint_score' not in sample:
            raise ValueError(f"pipeline_same_size needs 2D keypoints with scores; sample {sample.get('frame_dir')} "
                             f"has keypoint of shape {sample['keypoint'].shape}")
    prefix = Compose(SAME_SIZE_PREFIX)
    rows = []
    for num in persons:
        if num not in (1, 2):
            raise ValueError(f'persons must be 1 or 2, got {num}')
        chosen = [two_person(s) if num == 2 else dict(s, keypoint=s['keypoint'][:1],
                                                          keypoint_score=s['keypoint_score'][:1])
                  for s in samples]
        inputs = [prefix(_pipeline_input(s)) for s in chosen]
        times = {name: time_pipeline(stage, inputs, **timing) for name, stage in SAME_SIZE_STAGES.items()}
        for name, result in times.items():
            rows.append(dict(persons=num, variant=name, ms_per_clip=result['ms'],
                             ratio=times['heatmap']['ms'] / result['ms'], repeats=result['repeats']))
    return dict(clip_len=SAME_SIZE_CLIP_LEN, size=[SAME_SIZE, SAME_SIZE], rows=rows)


def add_ratios(entries):
    """Add ``ratios`` to every entry: each field against the first entry's, > 1 where this one is better
    (``first / this`` for costs and times, ``this / first`` for throughput), in place.

    Args:
        entries (list[dict]): Benchmark entries; the first is the reference.
    """
    first = entries[0]
    for entry in entries:
        entry['ratios'] = {
            key: (first[key] / entry[key] if better == 'lower' else entry[key] / first[key])
            for key, _, _, better in FIELDS if key in first and key in entry and first[key] and entry[key]}
    return entries


def _markdown(header, rows):
    lines = ['| ' + ' | '.join(header) + ' |', '|' + '|'.join(['---'] * len(header)) + '|']
    return '\n'.join(lines + ['| ' + ' | '.join(row) + ' |' for row in rows])


def markdown_report(entries, same_size=None):
    """The benchmark as markdown: figures, ratios to the first config and the same-size pipeline table.

    Args:
        entries (list[dict]): Entries with ``ratios`` (see :func:`add_ratios`); may be empty.
        same_size (dict | None): The result of :func:`pipeline_same_size`.
    """
    parts = []
    if entries:
        fields = [f for f in FIELDS if any(f[0] in e for e in entries)]
        header = ['config'] + [label for _, label, _, _ in fields]
        scale = dict(input_bytes_per_clip=1 / 1024)
        parts += ['## Cost per config', _markdown(header, [
            [e['name']] + [fmt.format(e[key] * scale.get(key, 1)) if key in e else '-' for key, _, fmt, _ in fields]
            for e in entries])]
        parts += [f'## Ratios to {entries[0]["name"]} (> 1: better; first / this for costs, this / first for '
                  'throughput)', _markdown(header, [
                      [e['name']] + [f"{e['ratios'][key]:.3g}x" if key in e['ratios'] else '-'
                                     for key, _, _, _ in fields] for e in entries])]
    if same_size:
        parts += [f'## Pipeline only, same size ({same_size["clip_len"]} frames, '
                  f'{same_size["size"][0]}x{same_size["size"][1]})',
                  _markdown(['persons', 'variant', 'ms/clip', 'heatmap / this'], [
                      [str(r['persons']), r['variant'], f"{r['ms_per_clip']:.4g}", f"{r['ratio']:.3g}x"]
                      for r in same_size['rows']])]
    return '\n\n'.join(parts) + '\n'


def read_accuracy(value):
    """An accuracy from ``--accuracy``: a number, or a JSON file (``tools/analyze_results.py``) with ``top1``.

    Args:
        value (str): ``'0.87'`` or a path.
    """
    try:
        return float(value)
    except ValueError:
        pass
    if not osp.isfile(value):
        raise ValueError(f'accuracy {value!r} is neither a number nor a JSON file')
    data = load(value, file_format='json')
    if 'top1' not in data:
        raise KeyError(f'{value}: no top1 key; found {sorted(data)}')
    return float(data['top1'])


def plot_accuracy(entries, out_file):
    """Accuracy (``top1`` of the entries that have one) against GMACs per test sample, log x axis.

    Args:
        entries (list[dict]): Benchmark entries; those with ``top1`` are drawn.
        out_file (str): The PNG to write.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    drawn = [e for e in entries if 'top1' in e]
    if not drawn:
        raise ValueError('no entry has an accuracy (top1) to plot')
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.scatter([e['gmacs_per_test_sample'] for e in drawn], [e['top1'] for e in drawn])
    for e in drawn:
        ax.annotate(e['name'], (e['gmacs_per_test_sample'], e['top1']), textcoords='offset points',
                    xytext=(5, 5), fontsize=8)
    ax.set_xscale('log')
    ax.set_xlabel('GMACs per test sample (all test clips)')
    ax.set_ylabel('top-1 accuracy')
    ax.grid(True, which='both', alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)


def schedule_length(cfg, num_samples):
    """Training passes over a dataset of ``num_samples`` in ``cfg``'s schedule: the repeat wrapper's passes per epoch
    (``times``, raised to ``min_samples`` by ScaledRepeatDataset) and the epochs, in either config family.

    Returns:
        tuple[int, int]: Repeats per epoch, epochs.
    """
    wrapper = dataset_config(cfg, 'train', unwrap=False)[1]
    repeats = wrapper.get('times', 1) if 'dataset' in wrapper else 1
    repeats = max(repeats, math.ceil(wrapper.get('min_samples', 0) / num_samples))
    epochs = cfg.train_cfg.max_epochs if cfg.get('train_cfg') else cfg.total_epochs
    return repeats, epochs


def sized_annotations(num_samples, num_classes, split, unique=600, num_person=2, seed=0, **clip_kwargs):
    """A training split of ``num_samples`` generated clips for timing a real dataset's epoch: ``unique`` clips of
    the synthetic generator (keypoint_plugin.data.synthetic), repeated under new ids with labels cycling through
    ``num_classes``. The per-clip work of loading and training depends on the clips' shapes, not their motion;
    repeats share their arrays, so the pickle stays small.

    Args:
        num_samples (int): Clips in the split (e.g. NTU60 X-Sub's 40,091 training clips).
        num_classes (int): The config's class count.
        split (str): Name of the split (the config's training split).
        unique (int): Distinct generated clips.
        num_person (int): Persons per clip (1 or 2).
        seed (int): The generator's seed.
        clip_kwargs: Further :func:`~keypoint_plugin.data.make_synthetic_dataset` arguments (``num_frames``,
            ``layout``, ``dim``).

    Returns:
        dict: Annotations in pyskl's format (``split``, ``annotations``).
    """
    from .data import make_synthetic_dataset

    actions = 10 if num_person == 2 else 8  # the generator's largest class sets
    base = make_synthetic_dataset(num_classes=actions, train_per_class=math.ceil(unique / actions), test_per_class=0,
                                  num_person=num_person, seed=seed, **clip_kwargs)['annotations']
    annotations = [dict(base[i % len(base)], frame_dir=f'clip_{i:06d}', label=i % num_classes)
                   for i in range(num_samples)]
    return dict(split={split: [a['frame_dir'] for a in annotations]}, annotations=annotations)


def time_epoch(cfg, device, batch_size=None, workers=None, log=print):
    """Wall seconds of one pass over ``cfg``'s training set (without its repeat wrapper): loader start-up, every
    batch's loading, forward, backward and optimizer step, as the host's runner does them.

    Args:
        cfg (Config): The config, its training set pointing at the data to time.
        device (str): ``'cpu'`` or ``'cuda'``.
        batch_size (int | None): Training batch; default the config's.
        workers (int | None): Loader workers; default the config's.
        log (callable): Progress messages.

    Returns:
        dict: ``seconds``, ``samples`` (in the timed iterations: full batches), ``iterations``, ``batch_size``,
        ``workers``, ``samples_per_s``, ``device``, ``device_name``.
    """
    device = torch.device(device)
    settings = loader_settings(cfg, 'train')
    batch_size = batch_size or settings['batch_size']
    workers = settings['workers'] if workers is None else workers
    np.random.seed(0)
    torch.manual_seed(0)
    model = build_model(cfg.model).to(device)
    runtime.prepare_model(model, cfg)
    dataset = build_dataset(dataset_config(cfg, 'train')[1])
    loader = runtime.build_loader(dataset, batch_size, workers, shuffle=True, seed=0, drop_last=True,
                                  prefetch_factor=settings['prefetch_factor'])
    optim = runtime.build_optimizer(model, cfg)
    model.train()
    log(f'one epoch: {len(dataset)} samples, batch {batch_size}, {workers} loader workers, {len(loader)} iterations')
    start, samples = time.perf_counter(), 0
    for batch in loader:
        samples += runtime.train_step(model, batch, optim)
    _sync(device)
    seconds = time.perf_counter() - start
    return dict(seconds=seconds, samples=samples, iterations=len(loader), batch_size=batch_size, workers=workers,
                samples_per_s=samples / seconds, device=str(device), device_name=device_name(device))


def resident_mb():
    """This process's resident memory now, in MB (Linux ``/proc``; the peak so far elsewhere)."""
    try:
        with open('/proc/self/statm') as f:
            return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_streams(model, recordings, duration, window=48, stride=16, img_shape=None, warmup=None):
    """Many streams at once over one model (:func:`~keypoint_plugin.apis.streaming.replay_streams`, a thread per
    recording, each replayed until ``duration`` is over): throughput, latency and resident memory.

    Args:
        model (nn.Module): The shared model, from ``init_recognizer``.
        recordings (list[list[tuple]]): Per stream, its ``(keypoint [M, V, C], keypoint_score [M, V])`` frames.
        duration (float): Seconds of the measured run.
        window, stride, img_shape: The streams' settings.
        warmup (float | None): Seconds of an unmeasured run first (allocator pools, caches). Default: None (one
            replay of every recording).

    Returns:
        dict: ``streams``, ``seconds``, ``windows`` and ``windows_per_s`` (predictions of all streams together),
        ``latency_ms_p50`` / ``latency_ms_p99`` (one window's ``push``, pipeline and model, under the load of
        the others), ``rss_mb_before_warmup``, ``rss_mb_start``, ``rss_mb_end`` and ``rss_growth_percent``
        (end over start), ``errors`` and ``failures`` (frames refused, streams ended; both 0 on good data).
    """
    from .apis.streaming import replay_streams

    def replay(seconds):
        return replay_streams(model, recordings, window, stride, img_shape, topk=1, duration=seconds)

    before = resident_mb()
    replay(warmup)
    gc.collect()
    start = resident_mb()
    begin = time.perf_counter()
    results = replay(duration)
    seconds = time.perf_counter() - begin
    gc.collect()
    end = resident_mb()
    latency = np.array([latency for result in results for _, _, latency in result['predictions']]) * 1e3
    return dict(streams=len(recordings), seconds=seconds, windows=len(latency), windows_per_s=len(latency) / seconds,
                latency_ms_p50=float(np.percentile(latency, 50)), latency_ms_p99=float(np.percentile(latency, 99)),
                rss_mb_before_warmup=before, rss_mb_start=start, rss_mb_end=end,
                rss_growth_percent=100 * (end - start) / start,
                errors=sum(len(result['errors']) for result in results),
                failures=sum(result['failure'] is not None for result in results))
