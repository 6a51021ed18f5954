"""A built recognizer run outside mmengine's Runner (inference, cost counting, benchmarks) on MMAction2 1.x:
weights in, ``PackActionInputs`` outputs batched, class scores out; the mmcv 1.x family answers the same four
functions."""
import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from mmengine.runner import load_checkpoint as mmengine_load_checkpoint


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


def model_inputs(batch):
    """The tensor a batch feeds the backbone through, [N, num_clips, ...]."""
    return torch.stack(batch['inputs'])


def predict(model, batch):
    """Clip-averaged class scores of a collated test batch (the head's ``average_clips``), numpy [N, num_classes]."""
    with torch.no_grad():
        samples = model.test_step(batch)
    return np.stack([sample.pred_score.float().cpu().numpy() for sample in samples])
