"""mmcv 1.x's runner on the host's datasets and models, on GPU or CPU: the process group (NCCL on CUDA, gloo on CPU),
the loaders, the wrapped model, training with validation and the tests after it, and testing."""
import os
import os.path as osp
import random
from functools import partial

import mmcv
import numpy as np
import torch
import torch.distributed as dist
from mmcv.engine import multi_gpu_test, single_gpu_test
from mmcv.parallel import MMDataParallel, MMDistributedDataParallel, collate
from mmcv.runner import DistEvalHook, DistSamplerSeedHook, EpochBasedRunner, EvalHook, build_optimizer, get_dist_info
from mmcv.utils import get_logger
from torch.utils.data import DataLoader, DistributedSampler

from ...config_utils import loader_settings, scale_lr
from ...host import build_dataset
from .amp import autocast, optimizer_hook

# Our metric names that mmcv's EvalHook does not already know as higher-is-better ('acc', 'top', 'precision').
GREATER_KEYS = ('f1', 'recall')


def get_root_logger(log_file=None, log_level='INFO'):
    return get_logger('keypoint_plugin', log_file=log_file, log_level=log_level)


def init_dist_from_env(backend=None):
    """Join the process group described by torchrun's environment variables.

    mmcv's ``init_dist`` always selects a CUDA device, so it cannot start a CPU-only group.

    Args:
        backend (str | None): ``'nccl'`` or ``'gloo'``. Default: NCCL with CUDA, else gloo.
    """
    if backend is None:
        backend = 'nccl' if torch.cuda.is_available() else 'gloo'
    if torch.cuda.is_available():
        torch.cuda.set_device(int(os.environ.get('LOCAL_RANK', 0)) % torch.cuda.device_count())
    else:
        # Each process gets its share of the cores; oversubscription slows gloo training badly.
        world_size = int(os.environ.get('LOCAL_WORLD_SIZE', os.environ.get('WORLD_SIZE', 1)))
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // world_size))
    dist.init_process_group(backend=backend)


def _seed_worker(worker_id, base_seed):
    np.random.seed(base_seed + worker_id)
    random.seed(base_seed + worker_id)


def build_loader(dataset, batch_size, workers, shuffle=True, seed=None, drop_last=False, persistent_workers=False,
                     prefetch_factor=None, **kwargs):
    """A DataLoader over this process's shard of ``dataset``, batching with mmcv's ``collate``.

    Args:
        dataset (Dataset): A host dataset.
        batch_size (int): Batch size of each process (the config's ``videos_per_gpu``).
        workers (int): Loader worker processes of each process (``workers_per_gpu``).
        shuffle (bool): Shuffle every epoch (the runner's DistSamplerSeedHook sets the epoch).
        seed (int | None): Seed for the sampler and the workers' numpy/random state.
        drop_last (bool): Drop the last incomplete batch.
        persistent_workers (bool): Keep workers alive between epochs.
        prefetch_factor (int | None): Batches each worker loads ahead (torch's default 2 when None); ignored
            without workers, where torch refuses it.
        kwargs: Passed to :class:`torch.utils.data.DataLoader`.
    """
    rank, world_size = get_dist_info()
    sampler = DistributedSampler(dataset, world_size, rank, shuffle=shuffle, seed=seed or 0)
    worker_seed = None if seed is None else seed + rank * max(workers, 1)
    return DataLoader(
        dataset,
        batch_size=batch_size,
        sampler=sampler,
        num_workers=workers,
        collate_fn=partial(collate, samples_per_gpu=batch_size),
        pin_memory=torch.cuda.is_available(),
        worker_init_fn=None if worker_seed is None else partial(_seed_worker, base_seed=worker_seed),
        drop_last=drop_last,
        persistent_workers=persistent_workers and workers > 0,
        **(dict(prefetch_factor=prefetch_factor) if prefetch_factor and workers > 0 else {}),
        **kwargs)


def wrap_model(model, distributed, find_unused_parameters=False):
    """Wrap ``model`` for mmcv's runner and tests, on CUDA when available, else on CPU."""
    if distributed:
        if torch.cuda.is_available():
            return MMDistributedDataParallel(model.cuda(), device_ids=[torch.cuda.current_device()],
                                             broadcast_buffers=False,
                                             find_unused_parameters=find_unused_parameters)
        return MMDistributedDataParallel(model, broadcast_buffers=False,
                                         find_unused_parameters=find_unused_parameters)
    if torch.cuda.is_available():
        return MMDataParallel(model.cuda(), device_ids=[0])
    return MMDataParallel(model)


def build_split_loader(cfg, split, dataset, **defaults):
    """The loader of ``dataset`` as the config's ``split`` loader settings say
    (:func:`keypoint_plugin.config_utils.loader_settings`), over ``defaults`` (e.g. ``shuffle``, ``drop_last``) and the
    config's ``seed``."""
    return build_loader(dataset, **{'seed': cfg.get('seed'), **defaults, **loader_settings(cfg, split)})


def _eval_hook(cfg, distributed):
    val_dataset = build_dataset(cfg.data.val, dict(test_mode=True))
    loader = build_split_loader(cfg, 'val', val_dataset, shuffle=False)
    eval_cfg = dict(cfg.get('evaluation', {}))
    # mmcv infers 'higher is better' from key names it knows ('acc', 'top', ...); ours need telling.
    eval_cfg.setdefault('greater_keys', list(EvalHook._default_greater_keys) + list(GREATER_KEYS))
    if distributed:
        return DistEvalHook(loader, tmpdir=eval_cfg.pop('tmpdir', osp.join(cfg.work_dir, '.eval_hook')),
                            **eval_cfg)
    return EvalHook(loader, **eval_cfg)


def train_model(model, dataset, cfg, distributed=False, validate=False, test_last=False, test_best=False,
                timestamp=None, meta=None):
    """Train ``model`` on ``dataset`` as the config says, then optionally test the last/best checkpoint.

    Args:
        model (nn.Module): A recognizer built by the host.
        dataset (Dataset): The training dataset.
        cfg (mmcv.Config): The config (``work_dir``, ``optimizer``, ``lr_config``, ``total_epochs``, ...);
            ``optimizer.lr`` is scaled to the run's total batch when ``auto_scale_lr.enable`` (in place).
        distributed (bool): Whether a process group is running.
        validate (bool): Evaluate on ``data.val`` every ``evaluation.interval`` epochs.
        test_last (bool): Test the final model on ``data.test`` after training.
        test_best (bool): Test the best checkpoint (needs ``validate`` and ``evaluation.save_best``).
        timestamp (str | None): Names the log files.
        meta (dict | None): Saved into checkpoints.

    Returns:
        dict: ``{'last': metrics, 'best': metrics}`` for the tests run (rank 0; empty elsewhere).
    """
    logger = get_root_logger(log_level=cfg.get('log_level', 'INFO'))
    loader = build_split_loader(cfg, 'train', dataset, drop_last=True)
    model = wrap_model(model, distributed, cfg.get('find_unused_parameters', False))
    scaled = scale_lr(cfg, get_dist_info()[1])
    if scaled:
        logger.info('auto_scale_lr: lr {base_lr:g} for a total batch of {base_batch_size} -> {lr:g} for '
                    '{batch_size}'.format(**scaled))
    if autocast(model, cfg, ('train_step', 'val_step', 'forward')):
        logger.info(f'Mixed precision: float16 autocast, gradient scaling {dict(cfg.fp16)}')
    optimizer = build_optimizer(model, cfg.optimizer)
    runner = EpochBasedRunner(model, optimizer=optimizer, work_dir=cfg.work_dir, logger=logger, meta=meta,
                              max_epochs=cfg.total_epochs)
    runner.timestamp = timestamp
    runner.register_training_hooks(cfg.lr_config, optimizer_hook(cfg, distributed), cfg.checkpoint_config,
                                   cfg.log_config, cfg.get('momentum_config'))
    runner.register_hook(DistSamplerSeedHook())
    if validate:
        runner.register_hook(_eval_hook(cfg, distributed), priority='LOW')
    if cfg.get('resume_from'):
        runner.resume(cfg.resume_from)
    elif cfg.get('load_from'):
        runner.load_checkpoint(cfg.load_from)
    runner.run([loader], cfg.get('workflow', [('train', 1)]))

    results = {}
    if test_last or test_best:
        test_dataset = build_dataset(cfg.data.test, dict(test_mode=True))
        test_loader = build_split_loader(cfg, 'test', test_dataset, shuffle=False)
        eval_cfg = {k: v for k, v in cfg.get('evaluation', {}).items()
                    if k in ('metrics', 'metric_options', 'topk')}
        checkpoints = dict(last=None) if test_last else {}
        if test_best:
            best = runner.meta.get('hook_msgs', {}).get('best_ckpt') if runner.meta else None
            if best is None:
                logger.warning('--test-best: no best checkpoint was saved (set evaluation.save_best and '
                               '--validate); skipping it')
            else:
                checkpoints['best'] = best
        for name, ckpt in checkpoints.items():
            if ckpt is not None:
                runner.load_checkpoint(ckpt)
            outputs = test_model(runner.model, test_loader, distributed,
                                 tmpdir=osp.join(cfg.work_dir, f'.test_{name}'))
            if runner.rank == 0:
                mmcv.dump(outputs, osp.join(cfg.work_dir, f'{name}_scores.pkl'))
                metrics = test_dataset.evaluate(outputs, logger=logger, **eval_cfg)
                logger.info(f'Testing the {name} checkpoint: ' +
                            ', '.join(f'{k}: {v:.4f}' for k, v in metrics.items()))
                results[name] = metrics
        if torch.distributed.is_initialized():
            torch.distributed.barrier()
    return results


def test_model(model, loader, distributed, tmpdir):
    """Return the per-sample scores in dataset order (on rank 0; None on other ranks when distributed).

    Args:
        model (nn.Module): A recognizer wrapped by :func:`wrap_model`.
        loader (DataLoader): The test loader (no shuffling).
        distributed (bool): Whether a process group is running.
        tmpdir (str): Where the ranks exchange their parts; gathering through files works on CPU too.
    """
    if distributed:
        return multi_gpu_test(model, loader, tmpdir=tmpdir)
    return single_gpu_test(model, loader)
