"""Compute cost (multiply-accumulates) and parameter count: of a model, measured by torch's FlopCounterMode
(:func:`count_cost`), and of a config's model on the clips its own pipeline makes (:func:`config_cost`), one
counter for every variant, so the raw, grayscale and heatmap figures compare like for like."""
import copy

import torch
from torch.utils.flop_counter import FlopCounterMode

from ..config_utils import batch_pipeline, model_input_key, split_pipeline
from ..host import Compose, build_model
from ..pipelines.device_pipeline import RAW_KEYS, BatchPipeline
from .export import ClipScorer


def count_cost(module, inputs):
    """Count the MACs of one forward pass and the parameters of ``module``.

    The pass runs in eval mode without gradients; the module's mode is restored afterwards. A recognizer
    (any module with ``forward_dummy``, as the hosts' recognizers have) is run through ``forward_dummy``, so
    its backbone and head are both counted. FlopCounterMode counts a multiply-accumulate as two FLOPs and
    ignores element-wise work (normalization, activations, pooling), as the papers' GFLOPs figures do.

    Args:
        module (nn.Module): The model.
        inputs (torch.Tensor | tuple[torch.Tensor]): Positional inputs of its forward pass.

    Returns:
        dict: ``macs`` (int), ``gmacs`` (float, macs / 1e9), ``flops`` (int, 2 x macs) and ``params``
            (int, number of parameter elements).
    """
    if not isinstance(module, torch.nn.Module):
        raise ValueError(f'count_cost needs an nn.Module, got {type(module).__name__}')
    if isinstance(inputs, torch.Tensor):
        inputs = (inputs, )
    forward = getattr(module, 'forward_dummy', module)
    was_training = module.training
    module.eval()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            forward(*inputs)
    finally:
        module.train(was_training)
    flops = counter.get_total_flops()
    macs = flops // 2
    params = sum(p.numel() for p in module.parameters())
    return dict(macs=macs, gmacs=macs / 1e9, flops=flops, params=params)


def pipeline_input(sample):
    """What a host dataset hands its pipeline: a copy of the annotation with its bookkeeping keys."""
    results = dict(copy.deepcopy(sample), start_index=0, modality='Pose')
    results.setdefault('total_frames', results['keypoint'].shape[1])
    return results


def packed_clips(cfg, sample, split='test'):
    """Run the ``split`` dataset's pipeline on one annotation; return its model input ``[clips, ...]``.

    Every layout puts clips first except MMAction2's ST-GCN input (FormatGCNInput), one clip ``[C, T, V, M]``:
    a 4D output is that single clip. A config with a batched pipeline (``device_pipeline``) packs the pipeline's
    raw skeleton with the batched steps of ``split``, as its model does.
    """
    pipeline = split_pipeline(cfg, split)
    results = Compose(pipeline)(pipeline_input(sample))
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
