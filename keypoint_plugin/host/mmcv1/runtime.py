"""A built recognizer run outside the host's runner (inference, cost counting, benchmarks) on the mmcv 1.x hosts:
weights in, pipeline outputs batched, class scores out. The mmengine family answers the same four functions."""
import numpy as np
import torch
from mmcv.parallel import collate as mmcv_collate
from mmcv.runner import load_checkpoint as mmcv_load_checkpoint


def load_checkpoint(model, filename):
    """Load ``filename``'s weights into ``model`` (strict, on CPU).

    Returns:
        list[str] | None: The class names the training run stored (``meta['classes']``), if any.
    """
    return mmcv_load_checkpoint(model, filename, map_location='cpu', strict=True).get('meta', {}).get('classes')


def collate(samples):
    """One batch of test-pipeline outputs (``Collect``'s dicts), on CPU."""
    return mmcv_collate(samples, samples_per_gpu=len(samples))


def model_inputs(batch):
    """The tensor a batch feeds the backbone through (``keypoint`` or ``imgs``), [N, num_clips, ...]."""
    return next(value for key, value in batch.items() if key != 'label' and isinstance(value, torch.Tensor))


def predict(model, batch):
    """Clip-averaged class scores of a collated test batch, numpy [N, num_classes]."""
    device = next(model.parameters()).device
    batch = {key: value.to(device) if isinstance(value, torch.Tensor) else value
             for key, value in batch.items() if key != 'label'}
    with torch.no_grad():
        return np.asarray(model(return_loss=False, **batch))
