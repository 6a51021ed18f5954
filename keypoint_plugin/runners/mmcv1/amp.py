"""Mixed precision as MMAction2 0.x configs ask for it: ``fp16 = dict(loss_scale=...)``."""
import torch
from mmcv.runner import Fp16OptimizerHook


def optimizer_hook(cfg, distributed):
    """The optimizer hook of ``cfg``: mmcv's Fp16OptimizerHook (gradient scaling) when ``cfg.fp16`` is set, else
    ``optimizer_config`` as the runner builds it."""
    settings = cfg.get('optimizer_config', {})
    if cfg.get('fp16') is None:
        return settings
    return Fp16OptimizerHook(**settings, **cfg.fp16, distributed=distributed)


def autocast(model, cfg, methods):
    """Run ``methods`` of ``model`` (e.g. a wrapped recognizer's ``train_step``) under ``torch.autocast`` in
    float16 when ``cfg.fp16`` is set.

    The hosts' own fp16 path (mmcv's ``auto_fp16`` on ``extract_feat``) exists in MMAction2 only, and leaves
    the head and the loss in the features' half precision; autocast covers the whole step on either host and
    keeps reductions and the loss in float32.

    Returns:
        torch.dtype | None: The autocast dtype, None when mixed precision is off.
    """
    if cfg.get('fp16') is None:
        return None
    device_type = 'cuda' if next(model.parameters()).is_cuda else 'cpu'
    for name in methods:
        setattr(model, name, torch.autocast(device_type, dtype=torch.float16)(getattr(model, name)))
    return torch.float16
