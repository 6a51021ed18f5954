"""A built recognizer run outside mmengine's Runner (inference, cost counting, benchmarks) on MMAction2 1.x:
weights in, ``PackActionInputs`` outputs batched, class scores out, training steps timed; the mmcv 1.x family
answers the same functions."""
import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from mmengine.optim import build_optim_wrapper
from mmengine.runner import Runner
from mmengine.runner import load_checkpoint as mmengine_load_checkpoint

from ...memory_format import apply_memory_format


def load_checkpoint(model, filename):
    """Load ``filename``'s weights into ``model`` (strict, on CPU).

    Returns:
        list[str] | None: The class names the training run stored (the Runner writes the training set's
        ``metainfo`` as ``meta['dataset_meta']``), if any.
    """
    meta = mmengine_load_checkpoint(model, filename, map_location='cpu', strict=True).get('meta', {})
    classes = meta.get('dataset_meta', {}).get('classes')
    return None if classes is None else list(classes)


def collate(samples):
    """One batch of ``PackActionInputs`` outputs, as the Runner's loaders batch them (the model's data
    preprocessor stacks and moves them)."""
    return pseudo_collate(samples)


def predict(model, batch):
    """Clip-averaged class scores of a collated test batch (the head's ``average_clips``), numpy [N, num_classes]."""
    with torch.no_grad():
        samples = model.test_step(batch)
    return np.stack([sample.pred_score.float().cpu().numpy() for sample in samples])


def build_loader(dataset, batch_size, workers, shuffle=True, seed=None, drop_last=False, persistent_workers=False,
                 prefetch_factor=None):
    """A loader over ``dataset`` as mmengine's Runner builds it (DefaultSampler, ``pseudo_collate``)."""
    extra = dict(prefetch_factor=prefetch_factor) if prefetch_factor and workers > 0 else {}
    return Runner.build_dataloader(
        dict(dataset=dataset, batch_size=batch_size, num_workers=workers, drop_last=drop_last,
             persistent_workers=persistent_workers and workers > 0, sampler=dict(type='DefaultSampler',
                                                                                shuffle=shuffle), **extra),
        seed=seed)


def prepare_model(model, cfg):
    """The config's memory format (``channels_last``) on a built ``model`` run outside the Runner, as the tools
    apply it; mixed precision is the optimizer wrapper's (``AmpOptimWrapper``, :func:`build_optimizer`).

    Returns:
        dict: ``precision`` of training (the ``AmpOptimWrapper``'s dtype, else 'float32') and ``channels_last``.
    """
    wrapper = cfg.get('optim_wrapper', {})
    amp = wrapper.get('type') == 'AmpOptimWrapper'
    return dict(precision=str(wrapper.get('dtype') or 'float16') if amp else 'float32',
                channels_last=apply_memory_format(model, cfg))


def build_optimizer(model, cfg):
    """What :func:`train_step` steps with: the config's ``optim_wrapper`` (gradient clipping, AMP) built by mmengine."""
    return build_optim_wrapper(model, cfg.optim_wrapper)


def train_step(model, batch, optim):
    """One training iteration on a loader batch as mmengine's train loop runs it (``model.train_step``: data
    preprocessing, forward and losses, backward, clipping and the optimizer step in the wrapper).

    Returns:
        int: Samples in the batch.
    """
    model.train_step(batch, optim)
    return len(batch['inputs'])
