"""Inference on one skeleton sequence: ``init_recognizer`` + ``inference_recognizer``."""
import contextlib
import threading

import numpy as np
import torch

from ..config_utils import apply_settings, dataset_config, load_config
from ..datasets.validation import mark_missing_joints
from ..host import Compose, Config, build_model
from ..runners import runtime


def init_recognizer(config, checkpoint=None, device=None, class_names=None):
    """Build a recognizer from a config and load its weights.

    Args:
        config (str | Config): Config file or object, of either config family (``configs/`` or
            ``configs/mmaction1x/``).
        checkpoint (str | None): Checkpoint to load; None keeps the initial weights.
        device (str | None): ``'cpu'``, ``'cuda'``, ``'cuda:1'``... Default: CUDA when available.
        class_names (list[str] | None): Label names; default: those the training run stored in the
            checkpoint (from the annotation file's ``classes``), else ``class_<i>``.

    Returns:
        nn.Module: The model in eval mode, with ``cfg``, ``test_steps`` (the test pipeline's step configs),
        ``test_pipeline`` (built) and ``class_names`` attached.
    """
    cfg = apply_settings(config) if isinstance(config, Config) else load_config(config)
    device = device or ('cuda' if torch.cuda.is_available() else 'cpu')
    model = build_model(cfg.model)
    stored_names = None if checkpoint is None else runtime.load_checkpoint(model, checkpoint)
    model.to(device)
    model.eval()
    model.cfg = cfg
    model.test_steps = dataset_config(cfg, 'test')[1].pipeline
    model.test_pipeline = Compose(model.test_steps)
    num_classes = cfg.model.cls_head.num_classes
    model.class_names = list(class_names or stored_names or [f'class_{i}' for i in range(num_classes)])
    return model


def skeleton_sample(keypoint, keypoint_score=None, img_shape=None):
    """A pyskl annotation dict for a raw skeleton array.

    Args:
        keypoint (np.ndarray): ``[M, T, V, C]`` joint coordinates (pixels for 2D).
        keypoint_score (np.ndarray | None): ``[M, T, V]`` confidences; absent for 3D skeletons.
        img_shape (tuple[int, int] | None): ``(h, w)`` of the source frames; needed for 2D.
    """
    keypoint = np.asarray(keypoint, dtype=np.float32)
    if keypoint.ndim != 4:
        raise ValueError(f'keypoint must be [M, T, V, C], got shape {keypoint.shape}')
    sample = dict(keypoint=keypoint, total_frames=keypoint.shape[1])
    if keypoint_score is not None:
        sample['keypoint_score'] = np.asarray(keypoint_score, dtype=np.float32)
    if img_shape is not None:
        sample['img_shape'] = sample['original_shape'] = tuple(int(v) for v in img_shape)
    elif keypoint.shape[-1] == 2:
        raise ValueError('a 2D skeleton needs img_shape=(h, w) of the frames it was detected in')
    return sample


# What inference returns for a sequence without any joint present.
NO_SKELETON = []
# The hosts' UniformSampleFrames draws its test clips by reseeding numpy's global random state: pipelines with it
# run one at a time, so that concurrent streams each draw the clips a lone call draws.
_GLOBAL_RNG_STEPS = {'UniformSampleFrames'}
_GLOBAL_RNG_LOCK = threading.Lock()
# Test-pipeline steps that work in pixels of the frames, so need the sample's img_shape.
_PIXEL_STEPS = {'GrayscaleRender', 'GeneratePoseTarget', 'PoseCompact', 'Resize'}


def check_img_shape(model, img_shape):
    """Fail at once, clearly, when ``model``'s test pipeline works in pixels and ``img_shape`` is None."""
    steps = [step['type'] for step in model.test_steps]
    if img_shape is None and _PIXEL_STEPS & set(steps):
        raise ValueError(f'this model\'s test pipeline ({", ".join(steps)}) works in pixels of the frames: give '
                         'img_shape=(h, w) of the frames the skeletons were detected in')


def _has_joints(keypoint, score):
    present = np.isfinite(keypoint).all(-1)
    if score is not None:
        present &= np.asarray(score) > 0
    else:  # 3D without scores: missing joints are all-zero
        present &= (keypoint != 0).any(-1)
    return bool(present.any())


def inference_recognizer(model, sample, topk=5):
    """Classify one skeleton sequence.

    Args:
        model (nn.Module): From :func:`init_recognizer`.
        sample (dict | np.ndarray): A pyskl annotation dict (``keypoint``, ``keypoint_score``,
            ``img_shape``, ``total_frames``), or a ``[M, T, V, C]`` array (then 3D, or 2D with
            ``img_shape`` given through :func:`skeleton_sample`).
        topk (int): How many labels to return.

    Returns:
        list[tuple[int, str, float]]: ``(label, name, score)``, best first; an empty list (``NO_SKELETON``)
        when the sequence has no joint present (no person, every score 0, or only non-finite coordinates),
        where any class would be a guess.

    Joints with a non-finite coordinate or score, or a score <= 0, are missing joints (coordinates 0, score 0),
    as in a dataset. Threads may share one model (in eval mode) and call this at once.
    """
    if not isinstance(sample, dict):
        sample = skeleton_sample(sample)
    keypoint = np.asarray(sample['keypoint'], dtype=np.float32)
    if keypoint.ndim != 4 or keypoint.shape[1] == 0:
        raise ValueError(f'keypoint must be [M, T, V, C] with T > 0 frames, got shape {keypoint.shape}')
    if 'img_shape' not in sample:
        check_img_shape(model, None)
    if not _has_joints(keypoint, sample.get('keypoint_score')):
        return NO_SKELETON
    # test_mode: pyskl's sampler draws its fixed-seed test clips only when the results say so (its datasets do).
    results = dict(sample, start_index=0, modality='Pose', label=-1, test_mode=True)
    mark_missing_joints(results)  # as a dataset does on load: no step sees a NaN (copies; `sample` is left as is)
    results.setdefault('total_frames', results['keypoint'].shape[1])
    results.setdefault('frame_dir', 'inference')
    if 'img_shape' in results:
        results.setdefault('original_shape', results['img_shape'])
    reseeds = _GLOBAL_RNG_STEPS.intersection(step['type'] for step in model.test_steps)
    with _GLOBAL_RNG_LOCK if reseeds else contextlib.nullcontext():
        inputs = model.test_pipeline(results)
    scores = runtime.predict(model, runtime.collate([inputs]))[0]
    order = np.argsort(scores)[::-1][:topk]
    return [(int(i), model.class_names[i], float(scores[i])) for i in order]
