"""The cost benchmark's measurements of one config (model cost, data pipeline time, training throughput, inference
latency, peak memory) and the pipeline-only comparison of the three variants at one size.

``tools/benchmark.py`` runs :func:`measure_config` once per config, each in a fresh process so that the peak
memory is the config's own, and :func:`pipeline_same_size` once.
"""
import copy
import gc
import resource
import time

import numpy as np
import torch

from ..apis.cost import config_cost, pipeline_input
from ..config_utils import dataset_config, loader_settings, model_input_key, split_pipeline
from ..host import Compose, build_dataset, build_model
from ..runners import runtime
from .data import two_person
from .timing import cycle, endless, profile_steps, sync, timed_repeats


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


def time_pipeline(pipeline, inputs, clips_per_sample=1, **timing):
    """Milliseconds per clip of a host ``Compose`` over ``inputs``, cycled (one pass per repeat at least).

    Args:
        pipeline (list[dict]): Pipeline steps.
        inputs (list[dict]): Pipeline inputs; each call gets a copy, made outside the timed part.
        clips_per_sample (int): Clips one call produces.
        timing: :func:`timed_repeats` options but ``min_steps``.
    """
    compose, source = Compose(pipeline), cycle(inputs)

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
    batches = endless(loader)

    def step():
        start = time.perf_counter()
        samples = runtime.train_step(model, next(batches), optim)
        sync(device)
        return time.perf_counter() - start, samples * clips_per_sample

    result = dict(timed_repeats(step, **timing))
    if profile:
        result['profile'] = profile_steps(step, profile, device)
    batches.close()  # with the loader gone too, its persistent workers exit
    del loader
    gc.collect()
    return dict(result, clips_per_s=1 / result['median'])


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
    compose, source = Compose(split_pipeline(cfg, 'test')), cycle(samples)
    model.eval()

    def step():
        sample = pipeline_input(next(source))
        start = time.perf_counter()
        batch = runtime.collate([compose(sample)])
        if not with_pipeline:
            start = time.perf_counter()
        runtime.predict(model, batch)
        sync(device)
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
    pipelines = {split: time_pipeline(split_pipeline(cfg, split), [pipeline_input(s) for s in samples],
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
        inputs = [prefix(pipeline_input(s)) for s in chosen]
        times = {name: time_pipeline(stage, inputs, **timing) for name, stage in SAME_SIZE_STAGES.items()}
        for name, result in times.items():
            rows.append(dict(persons=num, variant=name, ms_per_clip=result['ms'],
                             ratio=times['heatmap']['ms'] / result['ms'], repeats=result['repeats']))
    return dict(clip_len=SAME_SIZE_CLIP_LEN, size=[SAME_SIZE, SAME_SIZE], rows=rows)
