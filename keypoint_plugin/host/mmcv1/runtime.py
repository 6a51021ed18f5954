"""A built recognizer run outside the host's runner (inference, cost counting, benchmarks) on the mmcv 1.x hosts:
weights in, pipeline outputs batched, class scores out, training steps timed. The mmengine family answers the same
functions (``keypoint_plugin.host.runtime`` is the installed family's)."""
import numpy as np
import torch
from mmcv.parallel import collate as mmcv_collate
from mmcv.runner import build_optimizer as mmcv_build_optimizer
from mmcv.runner import load_checkpoint as mmcv_load_checkpoint

from ...memory_format import apply_memory_format
from .amp import autocast, optimizer_hook
from .dist import build_dataloader


def load_checkpoint(model, filename):
    """Load ``filename``'s weights into ``model`` (strict, on CPU).

    Returns:
        list[str] | None: The class names the training run stored (``meta['classes']``), if any.
    """
    return mmcv_load_checkpoint(model, filename, map_location='cpu', strict=True).get('meta', {}).get('classes')


def collate(samples):
    """One batch of test-pipeline outputs (``Collect``'s dicts), on CPU."""
    return mmcv_collate(samples, samples_per_gpu=len(samples))


def predict(model, batch):
    """Clip-averaged class scores of a collated test batch, numpy [N, num_classes]."""
    device = next(model.parameters()).device
    batch = {key: value.to(device) if isinstance(value, torch.Tensor) else value
             for key, value in batch.items() if key != 'label'}
    with torch.no_grad():
        return np.asarray(model(return_loss=False, **batch))


def build_loader(dataset, batch_size, workers, shuffle=True, seed=None, drop_last=False, persistent_workers=False,
                 prefetch_factor=None):
    """A loader over ``dataset`` batching as mmcv's runner does (:func:`.dist.build_dataloader`)."""
    return build_dataloader(dataset, batch_size, workers, shuffle=shuffle, seed=seed, drop_last=drop_last,
                            persistent_workers=persistent_workers, prefetch_factor=prefetch_factor)


def prepare_model(model, cfg):
    """The config's precision and memory format on a built ``model`` run outside the runner, as the tools apply
    them: float16 autocast of ``train_step`` and ``forward`` with ``fp16``, channels-last inputs with
    ``channels_last``.

    Returns:
        dict: ``precision`` ('float16' or 'float32') and ``channels_last`` (bool), as applied.
    """
    dtype = autocast(model, cfg, ('train_step', 'forward'))
    return dict(precision=str(dtype or torch.float32).replace('torch.', ''),
                channels_last=apply_memory_format(model, cfg))


def build_optimizer(model, cfg):
    """What :func:`train_step` steps with: ``cfg.optimizer`` built by mmcv, ``optimizer_config.grad_clip``, and
    with ``fp16`` the gradient scaler of mmcv's Fp16OptimizerHook (:func:`.amp.optimizer_hook`)."""
    hook = optimizer_hook(cfg, distributed=False)
    return dict(optimizer=mmcv_build_optimizer(model, cfg.optimizer),
                grad_clip=cfg.get('optimizer_config', {}).get('grad_clip'),
                scaler=getattr(hook, 'loss_scaler', None), scale_update=getattr(hook, '_scale_update_param', None))


def train_step(model, batch, optim):
    """One training iteration on a loader batch as mmcv's runner and OptimizerHook (Fp16OptimizerHook with a
    scaler) do it: forward and losses, backward, gradient clipping, optimizer step.

    Returns:
        int: Samples in the batch.
    """
    device = next(model.parameters()).device
    batch = {key: value.to(device, non_blocking=True) if torch.is_tensor(value) else value
             for key, value in batch.items()}
    optimizer, scaler = optim['optimizer'], optim['scaler']
    outputs = model.train_step(batch, optimizer)
    optimizer.zero_grad()
    (scaler.scale(outputs['loss']) if scaler else outputs['loss']).backward()
    if scaler:
        scaler.unscale_(optimizer)
    if optim['grad_clip']:
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], **optim['grad_clip'])
    if scaler:
        scaler.step(optimizer)
        scaler.update(optim['scale_update'])
    else:
        optimizer.step()
    return len(batch['label'])
