"""Readers of pyskl's pose keys shared by the keypoint transforms: the skeleton with missing joints marked, the
clips the sampler concatenated, a joint layout with its bone or limb pairs.

A joint is missing when its score is 0 or its coordinates (or score) are not finite. Without
``keypoint_score`` (3D data), every finite joint that is not all zeros counts as present with score 1.
"""
import numpy as np

from ..layouts import get_layout


def read_skeleton(results, num_joints=None):
    """Read ``keypoint`` and ``keypoint_score`` of a pyskl result dict, with missing joints marked.

    Args:
        results (dict): Result dict with ``keypoint`` [M, T, V, C] (C = 2 or 3) and optionally
            ``keypoint_score`` [M, T, V].
        num_joints (int | None): Expected V (from the joint layout); None accepts any.

    Returns:
        tuple[np.ndarray]: ``keypoint`` float32 [M, T, V, C] with missing joints at 0, ``score``
        float32 [M, T, V] with missing joints at 0, and ``present`` bool [M, T, V].
    """
    if 'keypoint' not in results:
        raise KeyError(f"results['keypoint'] is missing (keys found: {sorted(results)})")
    keypoint = np.asarray(results['keypoint'], dtype=np.float32)
    if keypoint.ndim != 4 or keypoint.shape[-1] not in (2, 3):
        raise ValueError("results['keypoint'] must be [M, T, V, C] with C = 2 or 3, got shape "
                         f'{keypoint.shape}')
    if num_joints is not None and keypoint.shape[2] != num_joints:
        raise ValueError(f"results['keypoint'] has {keypoint.shape[2]} joints (shape {keypoint.shape}) "
                         f'but the joint layout has {num_joints}')
    present = np.isfinite(keypoint).all(-1)
    if 'keypoint_score' in results:
        score = np.asarray(results['keypoint_score'], dtype=np.float32)
        if score.shape != keypoint.shape[:3]:
            raise ValueError(f"results['keypoint_score'] must be [M, T, V] = {keypoint.shape[:3]} to match "
                             f"results['keypoint'], got shape {score.shape}")
        # NaN > 0 is False, so a NaN score marks the joint missing too.
        present &= score > 0
    else:
        present &= (keypoint != 0).any(-1)
        score = np.ones(keypoint.shape[:3], dtype=np.float32)
    keypoint = np.where(present[..., None], keypoint, np.float32(0))
    score = np.where(present, score, np.float32(0))
    return keypoint, score, present


def clip_layout(results, num_frames):
    """Number and length of the clips that the sampler concatenated along T.

    Args:
        results (dict): Result dict; ``num_clips`` and ``clip_len`` (set by the host's
            UniformSampleFrames) are read when present, else all frames form one clip.
        num_frames (int): T of ``results['keypoint']``.

    Returns:
        tuple[int]: ``(num_clips, clip_len)`` with ``num_clips * clip_len == num_frames``.
    """
    num_clips = results.get('num_clips') or 1
    clip_len = results.get('clip_len') or num_frames // num_clips
    if num_clips * clip_len != num_frames:
        raise ValueError(f"results['num_clips']={results.get('num_clips')} clips of results['clip_len']="
                         f"{results.get('clip_len')} frames do not make the T={num_frames} frames of "
                         "results['keypoint']")
    return num_clips, clip_len


def resolve_layout(layout, pairs):
    """Look up a joint layout and a list of joint pairs on it.

    Args:
        layout (str | dict | Layout): Layout name or fields (see :func:`keypoint_plugin.layouts.get_layout`).
            A dict may also hold its own pair list under the key named by ``pairs``.
        pairs (str): ``'bones'`` (joint, parent) or ``'limbs'`` (drawable segments).

    Returns:
        tuple: The :class:`Layout` and the pairs as an int64 array [P, 2].
    """
    custom = None
    if isinstance(layout, dict) and pairs in layout:
        layout = dict(layout)
        custom = layout.pop(pairs)
    layout = get_layout(layout)
    table = np.array(getattr(layout, pairs) if custom is None else custom, dtype=np.int64).reshape(-1, 2)
    bad = table[((table < 0) | (table >= layout.num_joints)).any(1)]
    if len(bad):
        raise ValueError(f'{pairs} {bad.tolist()} of layout {layout.name!r} are out of range for its '
                         f'{layout.num_joints} joints')
    return layout, table
