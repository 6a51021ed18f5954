"""A built recognizer run outside the host's runner (inference, cost counting, benchmarks) on the mmcv 1.x hosts:
weights in, pipeline outputs batched, class scores out, training steps timed. The mmengine family answers the same
functions (``keypoint_plugin.runners.runtime`` is the installed family's)."""
import numpy as np
import torch
from mmcv.parallel import collate as mmcv_collate
from mmcv.runner import EpochBasedRunner
from mmcv.runner import build_optimizer as mmcv_build_optimizer
from mmcv.runner import load_checkpoint as mmcv_load_checkpoint

from ...memory_format import apply_memory_format
from .amp import autocast, optimizer_hook
from .runner import build_loader, get_root_logger  # noqa: F401  (build_loader: as the mmengine family's)


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
    """What :func:`train_step` steps with: an mmcv runner holding ``cfg.optimizer`` and the optimizer hook the
    tools register (:func:`.amp.optimizer_hook`: mmcv's OptimizerHook with ``optimizer_config``, or its
    Fp16OptimizerHook with ``fp16``), started as training starts it (``before_run``)."""
    runner = EpochBasedRunner(model, optimizer=mmcv_build_optimizer(model, cfg.optimizer),
                              logger=get_root_logger(), meta={})
    hook = optimizer_hook(cfg, distributed=False)
    runner.register_optimizer_hook(dict(hook) if isinstance(hook, dict) else hook)  # a copy: mmcv adds 'type'
    runner.call_hook('before_run')
    return runner


def train_step(model, batch, runner):
    """One training iteration on a loader batch as mmcv's runner does it: the model's ``train_step`` (forward and
    losses), then the optimizer hook's backward, gradient clipping (and scaling) and optimizer step.

    Returns:
        int: Samples in the batch.
    """
    device = next(model.parameters()).device
    batch = {key: value.to(device, non_blocking=True) if torch.is_tensor(value) else value
             for key, value in batch.items()}
    runner.outputs = model.train_step(batch, runner.optimizer)
    runner.call_hook('after_train_iter')
    return len(batch['label'])
