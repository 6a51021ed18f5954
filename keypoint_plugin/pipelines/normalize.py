"""KeypointNormalize: per-clip centring and scaling of raw keypoint coordinates."""
import numpy as np
import torch

from ..host import PIPELINES
from ..layouts import get_layout
from .batch_ops import ALIGN_MODES, body_rotation
from .skeleton import SkeletonStep, clip_layout, over_coords, zero_missing

# Centers and scales below this are treated as undefined (e.g. a clip holding one point).
_EPS = 1e-6


@PIPELINES.register_module()
class KeypointNormalize(SkeletonStep):
    """Normalize raw keypoint coordinates to a learnable, centered range.

    Statistics are taken per clip (``results['num_clips']`` clips of ``results['clip_len']`` frames along T,
    the whole T when absent) over all frames and persons of that clip, so motion and the relative
    positions of persons are kept. Missing joints end at coordinate 0 and score 0; ``keypoint_score`` is
    created (1 present / 0 missing) when absent.

    Modes:

    - ``'skeleton'``: subtract the mean over the clip of each person-frame's center (mean of
      ``center_joints``, the hips by default) and divide by the mean torso length (distance from that
      center to the mean of ``upper_joints``, the shoulders). A clip without any center joint uses the
      box center; one without a measurable torso uses half the box's longest side.
    - ``'box'``: subtract the center of the clip's bounding box of present joints and divide by half its
      longest side, so the clip fills [-1, 1] with its aspect ratio kept.
    - ``'image'`` (2D only): ``x -> 2 x / w - 1``, ``y -> 2 y / h - 1`` with ``(h, w) =
      results['img_shape']``; the host's Flip (``x -> w - x``) then becomes ``x -> -x``.

    A clip without a usable scale (all joints missing or in one point) is only centered.

    With ``align`` (3D only) each clip is then rotated into its body frame, so the camera's position no longer
    shows: the lateral axis is the clip's mean right-minus-left vector over the layout's left/right pairs among
    ``center_joints`` and ``upper_joints`` (the hips and shoulders), the torso axis its mean ``upper`` minus
    ``center``. ``'yaw'`` turns the clip about the vertical y axis until the lateral axis points to +x (the
    camera's height and roll stay); ``'body'`` turns the torso axis to +y and the lateral axis to +x; ``'level'``
    turns the clip about the horizontal x axis until the torso axis has no depth component (the camera's height
    goes, its turn about the person stays; no left/right pairs needed).

    Args:
        mode (str): ``'skeleton'``, ``'box'`` or ``'image'``. Default: ``'skeleton'``.
        layout (str | dict | Layout): Joint layout (see :func:`keypoint_plugin.layouts.get_layout`); the
            input must have its joint count. Default: ``'coco'``.
        center_joints (Sequence[int] | None): Joints averaged into the body center. Default: None, the
            layout's ``center``.
        upper_joints (Sequence[int] | None): Joints averaged into the upper end of the torso. Default:
            None, the layout's ``upper``.
        align (str | None): ``'yaw'``, ``'body'``, ``'level'`` or None (no rotation). Default: None.
    """

    MODES = ('skeleton', 'box', 'image')

    def __init__(self, mode='skeleton', layout='coco', center_joints=None, upper_joints=None, align=None):
        if mode not in self.MODES:
            raise ValueError(f'mode={mode!r}: expected one of {self.MODES}')
        if align is not None and (align not in ALIGN_MODES or mode == 'image'):
            raise ValueError(f'align={align!r}: expected None or one of {ALIGN_MODES}, with a 3D mode '
                             f'(skeleton or box), got mode={mode!r}')
        self.align = align
        self.mode = mode
        self.layout = get_layout(layout)
        self.center_joints = tuple(self.layout.center if center_joints is None else center_joints)
        self.upper_joints = tuple(self.layout.upper if upper_joints is None else upper_joints)
        self.num_joints = self.layout.num_joints
        for name in ('center_joints', 'upper_joints'):
            joints = getattr(self, name)
            if not joints or not all(0 <= j < self.layout.num_joints for j in joints):
                raise ValueError(f'{name}={joints} must be non-empty joint indices of layout '
                                 f'{self.layout.name!r} ({self.layout.num_joints} joints)')
        torso = set(self.center_joints + self.upper_joints)
        self.pairs = tuple((a, b) for a, b in zip(self.layout.left, self.layout.right) if {a, b} & torso)
        if align in ('yaw', 'body') and not self.pairs:
            raise ValueError(f'align={align!r} needs left/right pairs among center_joints and upper_joints; layout '
                             f'{self.layout.name!r} pairs none of {sorted(torso)}')
        # Column 0 sums the center joints, column 1 the upper ones: both sums and both counts in one product each.
        self.selection = np.zeros((self.num_joints, 2), np.float32)
        self.selection[list(self.center_joints), 0] = 1
        self.selection[list(self.upper_joints), 1] = 1

    def _image_frame(self, results, keypoint):
        if keypoint.shape[-1] != 2:
            raise ValueError("mode='image' needs 2D keypoints, got results['keypoint'] of shape "
                             f'{keypoint.shape}')
        if 'img_shape' not in results:
            raise KeyError(f"mode='image' needs results['img_shape'] (keys found: {sorted(results)})")
        h, w = results['img_shape']
        if not min(h, w) > 0:
            raise ValueError(f"mode='image' needs a positive results['img_shape'], got {results['img_shape']}")
        half = np.array([w, h], dtype=np.float32) / 2
        return half, half

    @staticmethod
    def _box_frame(clips, present):
        """Box center [K, C] and half its longest side [K] per clip of ``clips`` [M, K, clip_len, V, C]."""
        axes = (0, 2, 3)
        found = present.any(axis=axes)[:, None]
        low = np.where(present[..., None], clips, np.inf).min(axis=axes, initial=np.inf)
        high = np.where(present[..., None], clips, -np.inf).max(axis=axes, initial=-np.inf)
        low, high = np.where(found, low, 0), np.where(found, high, 0)
        return (low + high) / 2, (high - low).max(-1, initial=0) / 2

    def _skeleton_frame(self, clips, present):
        """Center [K, C] and torso scale [K] per clip of ``clips`` [M, K, clip_len, V, C], box-based where
        undefined."""
        # Missing joints are 0, so the sums over joints need no mask.
        sums = clips.swapaxes(-1, -2) @ self.selection  # [M, K, clip_len, C, 2]
        counts = present.astype(np.float32) @ self.selection  # [M, K, clip_len, 2]
        means = sums / np.maximum(counts, 1)[..., None, :]
        center, upper = means[..., 0], means[..., 1]
        has_center = counts[..., 0] > 0
        has_torso = has_center & (counts[..., 1] > 0)
        torso = np.sqrt(over_coords(np.add, np.square(upper - center))) * has_torso

        # The clip's means over persons and frames: one reduction of the per-frame figures side by side (center and
        # torso are 0 where undefined).
        dims = clips.shape[-1]
        totals = np.concatenate([center, torso[..., None], has_center[..., None], has_torso[..., None]],
                                axis=-1).sum((0, 2))
        n_center = totals[:, dims + 1]
        mean_center = totals[:, :dims] / np.maximum(n_center, 1)[:, None]
        mean_torso = totals[:, dims] / np.maximum(totals[:, dims + 2], 1)
        no_center, no_torso = n_center == 0, mean_torso <= _EPS
        if no_center.any() or no_torso.any():  # the box only where the skeleton does not define the frame
            box_center, box_half = self._box_frame(clips, present)
            mean_center = np.where(no_center[:, None], box_center, mean_center)
            mean_torso = np.where(no_torso, box_half, mean_torso)
        return mean_center, mean_torso

    def apply(self, skeleton, results):
        keypoint, present = skeleton.keypoint, skeleton.present
        num_person, num_frames, num_joints, num_coords = keypoint.shape
        num_clips, clip_len = clip_layout(results, num_frames)
        # Views [M, K, clip_len, V, ...]: the clips' statistics reduce over axes 0, 2 and 3.
        clips = keypoint.reshape(num_person, num_clips, clip_len, num_joints, num_coords)
        clip_present = present.reshape(num_person, num_clips, clip_len, num_joints)

        if self.mode == 'image':
            center, scale = self._image_frame(results, keypoint)
        else:
            frame = self._box_frame if self.mode == 'box' else self._skeleton_frame
            center, scale = frame(clips, clip_present)
            scale = np.where(scale > _EPS, scale, np.float32(1)).astype(np.float32)
            center, scale = center.astype(np.float32)[:, None, None, :], scale[:, None, None, None]
        # Centred coordinate by coordinate: numpy broadcasts a [C] center over the joints slowly.
        centred = np.empty_like(clips)
        for index in range(num_coords):
            np.subtract(clips[..., index], center[..., index], out=centred[..., index])
        clips = centred / scale
        if self.align is not None:
            if num_coords != 3:
                raise ValueError(f'align={self.align!r} needs 3D keypoints, got results[\'keypoint\'] of shape '
                                 f'{keypoint.shape}')
            # The batched path's function (batch_ops.py), so both rotate alike; it takes the clips first.
            rotation = body_rotation(torch.from_numpy(clips.swapaxes(0, 1)[None]),
                                     torch.from_numpy(clip_present.swapaxes(0, 1)[None]), self.pairs,
                                     list(self.center_joints), list(self.upper_joints), self.align)[0].numpy()
            clips = np.einsum('mktvc,kdc->mktvd', clips, rotation.astype(np.float32))
        skeleton.keypoint = zero_missing(clips, clip_present).reshape(keypoint.shape)
        skeleton.scored = True

    def __repr__(self):
        return (f'{self.__class__.__name__}(mode={self.mode!r}, layout={self.layout.name!r}, '
                f'center_joints={self.center_joints}, upper_joints={self.upper_joints}, align={self.align!r})')
