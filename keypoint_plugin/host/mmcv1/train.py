"""Training with mmcv's EpochBasedRunner on the host's datasets and models, on GPU or CPU."""
import os.path as osp

import mmcv
import torch
from mmcv.runner import DistEvalHook, DistSamplerSeedHook, EpochBasedRunner, EvalHook, build_optimizer, get_dist_info
from mmcv.utils import get_logger

from ...config_utils import scale_lr
from .. import build_dataset
from .amp import autocast, optimizer_hook
from .dist import build_dataloader, wrap_model
from .test import test_model

# Our metric names that mmcv's EvalHook does not already know as higher-is-better ('acc', 'top', 'precision').
GREATER_KEYS = ('f1', 'recall')


def get_root_logger(log_file=None, log_level='INFO'):
    return get_logger('keypoint_plugin', log_file=log_file, log_level=log_level)


def _loader_cfg(cfg, split, **overrides):
    """Loader settings: ``data.videos_per_gpu``/``workers_per_gpu``, then ``overrides``, then
    ``data.<split>_dataloader``."""
    setting = dict(videos_per_gpu=cfg.data.get('videos_per_gpu', 1),
                   workers_per_gpu=cfg.data.get('workers_per_gpu', 0), seed=cfg.get('seed'))
    setting.update(overrides)
    setting.update(cfg.data.get(f'{split}_dataloader', {}))
    return setting


def _eval_hook(cfg, distributed):
    val_dataset = build_dataset(cfg.data.val, dict(test_mode=True))
    loader = build_dataloader(val_dataset, **_loader_cfg(cfg, 'val', shuffle=False, videos_per_gpu=1))
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
    loader = build_dataloader(dataset, **_loader_cfg(cfg, 'train', drop_last=True,
                                                     persistent_workers=cfg.data.get('persistent_workers', False)))
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
        test_loader = build_dataloader(test_dataset, **_loader_cfg(cfg, 'test', shuffle=False, videos_per_gpu=1))
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
