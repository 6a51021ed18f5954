"""The raw-keypoint pipeline split between the loader and the model's device: ``PadKeypointPersons`` ends the
per-sample part (sampling, decoding), ``BatchPipeline`` runs the rest (flip, normalization, affine augmentation,
packing) on whole batches with the torch functions of :mod:`.batch_ops` (in the mmcv 1.x hosts'
``RawKeypointRecognizer``, in MMAction2 1.x's data preprocessor ``RawKeypointDataPreprocessor``), and
:func:`split_device_pipeline` turns a config's per-sample pipeline into the two."""
from functools import lru_cache

import numpy as np
import torch

from ..host import PIPELINES
from . import batch_ops
from .augment import RandomJointDrop, RandomKeypointAffine
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .skeleton import clip_layout, read_skeleton
from .pack import PackRawKeypoint

# The per-sample steps the batched path runs, by the type names of their per-sample transforms.
BATCH_STEPS = ('KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'RandomJointDrop', 'PackRawKeypoint')
# What PadKeypointPersons hands on for a batch: the model's batched pipeline reads these.
RAW_KEYS = ('keypoint', 'keypoint_score', 'img_shape', 'num_clips')


@PIPELINES.register_module()
class PadKeypointPersons:
    """Fixed shapes for batching: missing joints marked (coordinates 0, score 0; ``keypoint_score`` created for
    3D, 1 where present), persons zero-padded to ``num_person``, ``img_shape`` as float32 [h, w] ([0, 0] where
    absent: 3D, or 2D inference without it, where only steps that need it fail, as per sample) and ``num_clips``
    set.

    The last per-sample step of a pipeline whose flip, normalization, augmentation and packing run batched on
    the model's device (``device_pipeline``). Every person is kept: ``KeypointNormalize`` takes its statistics
    over all persons before ``PackRawKeypoint`` selects, so a sample with more than ``num_person`` persons is an
    error rather than a different result.

    Args:
        num_person (int): Persons per sample after padding, at least the most any sample holds. Default: 2.
    """

    def __init__(self, num_person=2):
        if int(num_person) < 1:
            raise ValueError(f'num_person={num_person} must be at least 1')
        self.num_person = int(num_person)

    def __call__(self, results):
        keypoint, score, _ = read_skeleton(results)
        num_person = len(keypoint)
        if num_person > self.num_person:
            raise ValueError(f"sample {results.get('frame_dir', '?')!r} holds {num_person} persons, more than "
                             f'PadKeypointPersons(num_person={self.num_person}): the batched path normalizes '
                             'over all persons, as the per-sample pipeline does; raise the config\'s '
                             "device_pipeline=dict(max_person=...)")
        pad = self.num_person - num_person
        results.update(
            keypoint=np.concatenate([keypoint, np.zeros((pad, ) + keypoint.shape[1:], np.float32)]),
            keypoint_score=np.concatenate([score, np.zeros((pad, ) + score.shape[1:], np.float32)]),
            img_shape=np.asarray(results.get('img_shape', (0, 0)), dtype=np.float32),
            num_clips=clip_layout(results, keypoint.shape[1])[0])
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}(num_person={self.num_person})'


@lru_cache(maxsize=None)
def _index(values, device):
    """A joint index table on ``device``, made once: a host-to-device copy per step and iteration would stall."""
    return torch.tensor(values, dtype=torch.int64, device=device)


class BatchPipeline:
    """Per-sample raw-keypoint steps run on whole batches, on the batch's device.

    Built from the same step configs as the per-sample pipeline (the per-sample transforms are built to read
    their checked settings), so each step computes what its transform computes for the same random draws.

    Args:
        steps (list[dict]): Step configs, types from :data:`BATCH_STEPS`, the last a ``PackRawKeypoint``.
    """

    def __init__(self, steps):
        self.steps = []
        for index, step in enumerate(steps):
            if step['type'] not in BATCH_STEPS:
                raise ValueError(f"step {index} ({step['type']}) has no batched form; the batched path runs "
                                 f'{", ".join(BATCH_STEPS)}')
            self.steps.append(PIPELINES.build(step))
        if not steps or steps[-1]['type'] != 'PackRawKeypoint':
            raise ValueError('a batched pipeline must end with PackRawKeypoint (the model input); got '
                             f"{[step['type'] for step in steps]}")

    def draw(self, shape, device):
        """Random draws of every step for a batch of keypoints of ``shape`` [N, M, T, V, C]: a list aligned with the
        steps, None for deterministic steps; a flip's is bool [N], an affine's the matrices [N, C, C], a joint
        drop's the kept joints, bool [N, M, 1, V]."""
        num, num_person, _, num_joints, dims = shape
        draws = []
        for step in self.steps:
            if isinstance(step, KeypointFlip):
                draws.append(torch.rand(num, device=device) < step.flip_ratio)
            elif isinstance(step, RandomKeypointAffine):
                apply = torch.rand(num, device=device) < step.p
                angle = (torch.rand(num, device=device) * 2 - 1) * step.angle
                scale = 1 + (torch.rand(num, dims, device=device) * 2 - 1) * step.scale
                tilt = (torch.rand(num, 2, device=device) * 2 - 1) * step.tilt if step.tilt else None
                identity = torch.eye(dims, device=device).expand(num, dims, dims)
                matrices = batch_ops.affine_matrices(angle, scale, tilt)
                draws.append(torch.where(apply[:, None, None], matrices, identity))
            elif isinstance(step, RandomJointDrop):
                draws.append(torch.rand(num, num_person, 1, num_joints, device=device) >= step.p)
            else:
                draws.append(None)
        return draws

    def __call__(self, keypoint, keypoint_score, img_shape, num_clips, draws=None):
        """The packed model input [N, num_clips', C', T, V, M] of a batch from ``PadKeypointPersons``.

        Args:
            keypoint (Tensor): [N, M, T, V, C].
            keypoint_score (Tensor): [N, M, T, V].
            img_shape (Tensor): [N, 2] (h, w).
            num_clips (Tensor): [N] or [N, 1], the same for every sample.
            draws (list | None): As :meth:`draw` returns; None draws them.
        """
        if keypoint.dim() != 5 or keypoint.shape[-1] not in (2, 3) or keypoint_score.shape != keypoint.shape[:4]:
            raise ValueError('a raw batch is keypoint [N, M, T, V, C=2|3] and keypoint_score [N, M, T, V]; got '
                             f'{list(keypoint.shape)} and {list(keypoint_score.shape)}')
        clips = torch.unique(torch.as_tensor(num_clips).reshape(-1))
        if len(clips) != 1 or keypoint.shape[2] % int(clips[0]):
            raise ValueError(f'every sample of a batch needs the same num_clips dividing T={keypoint.shape[2]}; '
                             f'got {clips.tolist()}')
        # Mixed precision (runners/mmcv1/amp.py, mmengine's AmpOptimWrapper) runs the model under autocast: the
        # pipeline stays in float32, as the per-sample one.
        with torch.autocast(keypoint.device.type, enabled=False):
            return self._run(keypoint, keypoint_score, img_shape, int(clips[0]), draws)

    def _run(self, keypoint, keypoint_score, img_shape, num_clips, draws):
        img_shape = torch.as_tensor(img_shape, device=keypoint.device).reshape(-1, 2)
        draws = self.draw(keypoint.shape, keypoint.device) if draws is None else draws
        present = (keypoint_score > 0) & torch.isfinite(keypoint).all(-1)
        keypoint = torch.where(present[..., None], keypoint.float(), 0.)
        score = torch.where(present, keypoint_score.float(), 0.)
        for step, draw in zip(self.steps, draws):
            layout = getattr(step, 'layout', None)
            if layout is not None and keypoint.shape[3] != layout.num_joints:
                raise ValueError(f'the batch has {keypoint.shape[3]} joints but {step!r} has layout '
                                 f'{layout.name!r} of {layout.num_joints}')
            index = None if layout is None else _index(layout.flip_index, keypoint.device)
            if isinstance(step, KeypointFlip):
                if keypoint.shape[-1] == 2 and not (img_shape[:, 1] > 0).all():
                    raise ValueError(f'KeypointFlip of 2D keypoints needs every sample\'s img_shape, got {img_shape}')
                width = img_shape[:, 1] if keypoint.shape[-1] == 2 else torch.zeros_like(img_shape[:, 1])
                keypoint, score, present = batch_ops.flip(keypoint, score, present, draw, width, index)
            elif isinstance(step, KeypointNormalize):
                if step.mode == 'image' and not (img_shape > 0).all():
                    raise ValueError(f"mode='image' needs a positive img_shape for every sample, got {img_shape}")
                keypoint = batch_ops.normalize(keypoint, present, num_clips, step.mode, step.center_joints,
                                               step.upper_joints, img_shape, step.align, step.pairs)
            elif isinstance(step, RandomKeypointAffine):
                keypoint = batch_ops.affine(keypoint, present, draw)
            elif isinstance(step, RandomJointDrop):
                keypoint, score, present = batch_ops.drop_joints(keypoint, score, present, draw)
            else:
                return batch_ops.pack(keypoint, score, present, num_clips, step.num_person, step.feats,
                                    _index(tuple(map(tuple, step.bones.tolist())), keypoint.device), index,
                                    step.with_score, step.double)

    def __repr__(self):
        return f'{self.__class__.__name__}({self.steps})'


def split_device_pipeline(pipeline, where, max_person=None):
    """Split a raw-keypoint pipeline into its per-sample part and the steps :class:`BatchPipeline` runs.

    The steps before the first of :data:`BATCH_STEPS` (sampling, decoding) stay per-sample, followed by
    ``PadKeypointPersons`` and the pipeline's own ending, now handing on :data:`RAW_KEYS`: mmcv 1.x pipelines'
    ``Collect`` + ``ToTensor`` (with what the original collected besides ``keypoint``), MMAction2 1.x's
    ``PackActionInputs`` (``collect_keys``; the model's data preprocessor packs them). The steps from the first
    batched one to that ending must all have a batched form.

    Args:
        pipeline (list[dict]): The per-sample pipeline.
        where (str): Names the pipeline in errors, e.g. ``'data.train.pipeline'``.
        max_person (int | None): ``PadKeypointPersons``' persons. Default: the ``PackRawKeypoint``'s.

    Returns:
        tuple[list[dict]]: The per-sample pipeline and the batched steps.
    """
    types = [step['type'] for step in pipeline]
    start = next((i for i, name in enumerate(types) if name in BATCH_STEPS), None)
    ending = next((name for name in types[start or 0:] if name in ('Collect', 'PackActionInputs')), None)
    if start is None or ending is None:
        raise ValueError(f'device_pipeline: {where} ({types}) has none of {BATCH_STEPS} before a Collect or '
                         'PackActionInputs')
    end = types.index(ending, start)
    for index in range(start, end):
        if types[index] not in BATCH_STEPS:
            raise ValueError(f'device_pipeline: {where}.{index} ({types[index]}) has no batched form; the batched '
                             f'path runs {", ".join(BATCH_STEPS)}')
    steps = [dict(step) for step in pipeline[start:end]]
    if types[end - 1] != 'PackRawKeypoint':
        raise ValueError(f'device_pipeline: {where} must end with PackRawKeypoint before its {ending}; got '
                         f'{types[start:end]}')
    allowed_after = 'ToTensor' if ending == 'Collect' else None
    for index in range(end + 1, len(types)):
        if types[index] != allowed_after:
            raise ValueError(f'device_pipeline: {where}.{index} ({types[index]}) after {ending} has no batched form')
    num_person = max_person or steps[-1].get('num_person', PackRawKeypoint.DEFAULT_NUM_PERSON)
    per_sample = [dict(step) for step in pipeline[:start]] + [dict(type='PadKeypointPersons', num_person=num_person)]
    if ending == 'PackActionInputs':
        return per_sample + [dict(pipeline[end], collect_keys=RAW_KEYS)], steps
    collect = dict(pipeline[end])
    keys = list(RAW_KEYS) + [key for key in collect['keys'] if key not in RAW_KEYS]
    to_tensor = [key for step in pipeline[end + 1:] for key in step['keys']]
    return per_sample + [
        dict(collect, keys=keys),
        dict(type='ToTensor', keys=list(RAW_KEYS) + [key for key in to_tensor if key not in RAW_KEYS])], steps
