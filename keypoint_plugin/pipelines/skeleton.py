"""Readers of pyskl's pose keys shared by the keypoint transforms: the skeleton with missing joints marked, the
clips the sampler concatenated, a joint layout with its bone or limb pairs.

A joint is missing when its score is 0 or its coordinates (or score) are not finite. Without
``keypoint_score`` (3D data), every finite joint that is not all zeros counts as present with score 1.
"""
import numpy as np

from ..layouts import LAYOUT_HINT, get_layout


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
                         f'but the joint layout has {num_joints}{LAYOUT_HINT}')
    present = over_coords(np.logical_and, np.isfinite(keypoint))
    if 'keypoint_score' in results:
        score = np.asarray(results['keypoint_score'], dtype=np.float32)
        if score.shape != keypoint.shape[:3]:
            raise ValueError(f"results['keypoint_score'] must be [M, T, V] = {keypoint.shape[:3]} to match "
                             f"results['keypoint'], got shape {score.shape}")
        # NaN > 0 is False, so a NaN score marks the joint missing too.
        present &= score > 0
    else:
        present &= over_coords(np.logical_or, keypoint != 0)
        score = np.ones(keypoint.shape[:3], dtype=np.float32)
    return zero_missing(keypoint.copy(), present), zero_missing(score.copy(), present), present


def over_coords(ufunc, array):
    """``ufunc`` reduced over the last axis, the few coordinates of each joint: ``np.logical_and`` for
    ``array.all(-1)``, ``np.add`` for ``array.sum(-1)``.

    Numpy's own reductions loop over every joint for a last axis of 2 or 3 entries, ten times the cost of these
    one or two calls on whole slices, and the pipelines run them for every sample.
    """
    out = array[..., 0]
    for index in range(1, array.shape[-1]):
        out = ufunc(out, array[..., index])
    return out


def zero_missing(array, present):
    """Set the entries of ``array`` ([M, T, V] or [M, T, V, C]) where ``present`` [M, T, V] is False to 0, in place,
    and return it: for arrays a step has just made. Boolean assignments, one per coordinate, cost a fraction of
    ``np.where`` or a masked product (numpy broadcasts a mask over a last axis of 2 or 3 entries slowly)."""
    missing = ~present
    if array.ndim == missing.ndim:
        array[missing] = 0
    else:
        for index in range(array.shape[-1]):
            array[..., index][missing] = 0
    return array


class Skeleton:
    """A clip's skeleton as :func:`read_skeleton` reads it, carried from one skeleton step to the next.

    Each skeleton step (``SkeletonStep``) transforms it in :meth:`SkeletonStep.apply`; run one by one, a step reads
    the skeleton from the result dict and writes it back, and a run of steps (:class:`SkeletonSteps`) reads it once
    and writes it once: every step keeps missing joints at 0 with score 0, so what the next step would read back
    is what it is handed.

    Attributes:
        keypoint (np.ndarray): float32 [M, T, V, C], missing joints at 0.
        score (np.ndarray): float32 [M, T, V], missing joints at 0.
        present (np.ndarray): bool [M, T, V].
        scored (bool): Whether ``keypoint_score`` is written back (it was read, or a step created it).
    """

    __slots__ = ('keypoint', 'score', 'present', 'scored')

    def __init__(self, results, num_joints=None):
        self.keypoint, self.score, self.present = read_skeleton(results, num_joints)
        self.scored = 'keypoint_score' in results

    @classmethod
    def of(cls, keypoint, score, present, scored):
        """A skeleton from arrays in :func:`read_skeleton`'s form (what a :class:`SkeletonSource` makes)."""
        skeleton = cls.__new__(cls)
        skeleton.keypoint, skeleton.score, skeleton.present, skeleton.scored = keypoint, score, present, scored
        return skeleton

    def check_joints(self, num_joints):
        """The joint-count check of :func:`read_skeleton`, for a skeleton already read."""
        if self.keypoint.shape[2] != num_joints:
            raise ValueError(f"results['keypoint'] has {self.keypoint.shape[2]} joints (shape "
                             f'{self.keypoint.shape}) but the joint layout has {num_joints}{LAYOUT_HINT}')

    def write(self, results):
        results['keypoint'] = self.keypoint
        if self.scored:
            results['keypoint_score'] = self.score
        return results


class SkeletonStep:
    """A transform of :class:`Skeleton`: ``apply`` does its work; called on a result dict, it reads the skeleton
    (checked against ``num_joints``, from its joint layout when it has one), applies and writes back."""

    num_joints = None

    def apply(self, skeleton, results):
        """Transform ``skeleton`` in place; ``results`` is for the step's other keys (``img_shape``, records)."""
        raise NotImplementedError

    def __call__(self, results):
        skeleton = Skeleton(results, self.num_joints)
        self.apply(skeleton, results)
        return skeleton.write(results)


class SkeletonSource:
    """A transform that makes the skeleton (``KeypointDecode``): ``read`` returns it as a :class:`Skeleton`, so
    the skeleton steps after it take it as it is made instead of reading it back from the result dict."""

    def read(self, results):
        """The transform's output as a :class:`Skeleton`; ``results`` keeps its input keypoints."""
        raise NotImplementedError

    def __call__(self, results):
        return self.read(results).write(results)


class SkeletonSteps:
    """Consecutive skeleton steps run on one carried :class:`Skeleton`: read once (or taken from the
    :class:`SkeletonSource` before them), written once.

    The same outputs as the transforms one by one, for the same random draws; what a dataset's pipeline runs in
    their place (:func:`fuse_skeleton_steps`).

    Args:
        steps (list[SkeletonStep]): The built steps, in order.
        source (SkeletonSource | None): The transform that makes the skeleton, run first. Default: None (read
            it from the result dict).
    """

    def __init__(self, steps, source=None):
        self.steps, self.source = list(steps), source

    def __call__(self, results):
        skeleton = Skeleton(results) if self.source is None else self.source.read(results)
        for step in self.steps:
            if step.num_joints is not None:
                skeleton.check_joints(step.num_joints)
            step.apply(skeleton, results)
        return skeleton.write(results)

    def __repr__(self):
        source = '' if self.source is None else f', source={self.source}'
        return f'{self.__class__.__name__}({self.steps}{source})'


def fuse_skeleton_steps(transforms):
    """``transforms`` with every run of consecutive :class:`SkeletonStep` replaced by one :class:`SkeletonSteps`,
    with the :class:`SkeletonSource` just before it when there is one (runs of a single step without a source
    stay as they are).

    Args:
        transforms (list[callable]): Built transforms, as a host's ``Compose`` holds them.

    Returns:
        list[callable]: The transforms, fused.
    """
    fused, run = [], []
    for transform in list(transforms) + [None]:
        if isinstance(transform, SkeletonStep):
            run.append(transform)
            continue
        if run:
            source = fused.pop() if fused and isinstance(fused[-1], SkeletonSource) else None
            fused += [SkeletonSteps(run, source)] if len(run) > 1 or source is not None else run
        run = []
        if transform is not None:
            fused.append(transform)
    return fused


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
