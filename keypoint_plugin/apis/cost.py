"""Cost of a config's model on the clips its own pipeline makes: one counter (keypoint_plugin.cost) for
every variant, so the raw, grayscale and heatmap figures compare like for like."""
import copy

import numpy as np
import torch

from ..config_utils import batch_pipeline, dataset_config
from ..cost import count_cost
from ..host import Compose, build_model
from ..pipelines.batch import RAW_KEYS, BatchPipeline
from .export import ClipScorer


def split_pipeline(cfg, split):
    """The pipeline list of the ``split`` dataset, in either config family (inside any repeat wrapper)."""
    return dataset_config(cfg, split)[1].pipeline


def model_input_key(pipeline):
    """The key the model reads: MMAction2 1.x's ``PackActionInputs`` writes ``inputs``; in mmcv 1.x pipelines the
    first non-label key ``Collect`` keeps."""
    if pipeline[-1]['type'] == 'PackActionInputs':
        return 'inputs'
    collect = next(step for step in pipeline if step['type'] == 'Collect')
    return next(key for key in collect['keys'] if key != 'label')


def packed_clips(cfg, sample, split='test'):
    """Run the ``split`` dataset's pipeline on one annotation; return its model input ``[clips, ...]``.

    Every layout puts clips first except MMAction2's ST-GCN input (FormatGCNInput), one clip ``[C, T, V, M]``:
    a 4D output is that single clip. A config with a batched pipeline (``device_pipeline``) packs the pipeline's
    raw skeleton with the batched steps of ``split``, as its model does.
    """
    pipeline = split_pipeline(cfg, split)
    sample = dict(copy.deepcopy(sample), start_index=0, modality='Pose')
    sample.setdefault('total_frames', sample['keypoint'].shape[1])
    results = Compose(pipeline)(sample)
    steps = (batch_pipeline(cfg) or {}).get('train' if split == 'train' else 'test')
    # The raw keys: in the results (mmcv 1.x), or in PackActionInputs' inputs dict (MMAction2 1.x).
    raw = results['inputs'] if isinstance(results.get('inputs'), dict) else results
    if steps and 'keypoint_score' in raw:
        return BatchPipeline(steps)(**{key: torch.as_tensor(raw[key])[None] for key in RAW_KEYS})[0].numpy()
    clips = torch.as_tensor(results[model_input_key(pipeline)]).numpy()
    return clips[None] if clips.ndim == 4 else clips


def config_cost(cfg, sample, split='test', model=None):
    """Parameters and GMACs per clip and per sample of a config's model, counted on one real input.

    Args:
        cfg (Config): A recognizer config of either config family.
        sample (dict): One annotation in pyskl's format, run through the config's pipeline.
        split (str): Whose pipeline shapes the clip: ``'train'`` (one clip, training resolution) or
            ``'test'`` (all test clips, e.g. 10 clips x 2 flips).
        model (nn.Module | None): The built model, when the caller has it.

    Returns:
        dict: ``params``, ``gmacs_per_clip``, ``clips_per_sample``, ``gmacs_per_sample``,
            ``input_bytes_per_clip`` (float32) and ``clip_shape``.
    """
    clips = packed_clips(cfg, sample, split)
    model = model if model is not None else build_model(cfg.model)
    clip = torch.as_tensor(clips[:1], dtype=torch.float32)
    cost = count_cost(ClipScorer(model), clip)
    return dict(params=cost['params'], gmacs_per_clip=cost['gmacs'], clips_per_sample=len(clips),
                gmacs_per_sample=cost['gmacs'] * len(clips), input_bytes_per_clip=int(clip[0].numel() * 4),
                clip_shape=tuple(clip.shape[1:]))
