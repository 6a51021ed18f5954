"""PackRawKeypoint: (normalized) keypoints as the [num_clips, C', T, V, M] input of raw-keypoint models."""
import numpy as np

from ..host import PIPELINES
from .batch_ops import FEATS
from .skeleton import SkeletonStep, clip_layout, resolve_layout, zero_missing


def _motion(feature, present):
    """Difference to the next frame along axis 2, 0 at a clip's last frame or where either frame is missing.

    Args:
        feature (np.ndarray): [K, M, T, V, C] per-frame vectors of each clip.
        present (np.ndarray): bool [K, M, T, V], where ``feature`` is defined.
    """
    motion = np.zeros_like(feature)
    both = present[:, :, 1:] & present[:, :, :-1]
    motion[:, :, :-1] = (feature[:, :, 1:] - feature[:, :, :-1]) * both[..., None]
    return motion


def _distance(keypoint, present):
    """Each joint's distance to every joint of the same person and frame, [..., V, V] from [..., V, C]; 0 where
    either joint is missing."""
    distance = np.linalg.norm(keypoint[..., :, None, :] - keypoint[..., None, :, :], axis=-1)
    return distance * (present[..., :, None] & present[..., None, :])


@PIPELINES.register_module()
class PackRawKeypoint(SkeletonStep):
    """Pack keypoint features into a float32 array [num_clips', C', T, V, M] under ``results['keypoint']``.

    Place it after :class:`KeypointNormalize` and follow it with the host's
    ``Collect(keys=['keypoint', 'label'], meta_keys=[])`` and ``ToTensor``; it replaces FormatShape.

    - Clips: ``results['num_clips']`` clips of ``results['clip_len']`` frames along T (as the host's
      UniformSampleFrames concatenates them; the whole T is one clip when absent), so T = clip_len.
    - Persons: M = ``num_person``. Fewer persons are zero-padded; of more, those with the highest mean
      score over all frames are kept, in their original order (without scores the score is 1 per present
      joint, so this counts present joints).
    - Channels: for each name in ``feats`` its channels (C coordinates; V for ``'distance'``), then the score
      if ``with_score``. ``'joint'`` is the coordinates; ``'bone'`` is a joint minus its parent, stored at the
      joint's index (the root's bone is 0); ``'joint_motion'`` and ``'bone_motion'`` are the difference to the
      next frame of the clip (0 at the last frame); ``'distance'`` is the joint's distance to each joint of its
      skeleton in that frame (channel w: to joint w), which no rotation or translation of the camera changes.
      Every feature is 0 where a joint it needs is missing.
    - ``double``: num_clips' = 2 num_clips; the horizontally mirrored copies (``x -> -x``, which mirrors
      normalized coordinates about the center, with left and right joints swapped) follow all originals.

    Args:
        num_person (int): Persons M kept or padded to. Default: 2.
        feats (Sequence[str]): Features, in channel order, from ``'joint'``, ``'bone'``,
            ``'joint_motion'``, ``'bone_motion'``, ``'distance'``. Default: ``('joint',)``.
        with_score (bool): Append the keypoint score as the last channel. Default: False.
        double (bool): Append mirrored copies for test-time flip augmentation. Default: False.
        layout (str | dict | Layout): Joint layout for joint count, flip pairs and bones; a dict may carry
            its own ``bones`` list of ``(joint, parent)`` pairs. Default: ``'coco'``.
    """

    FEATS = FEATS  # the batched path's names, so both paths take the same features
    DEFAULT_NUM_PERSON = 2

    def __init__(self, num_person=DEFAULT_NUM_PERSON, feats=('joint', ), with_score=False, double=False,
                 layout='coco'):
        feats = (feats,) if isinstance(feats, str) else tuple(feats)
        unknown = [f for f in feats if f not in self.FEATS]
        if not feats or unknown or len(set(feats)) != len(feats):
            raise ValueError(f'feats={feats}: expected distinct names from {self.FEATS}')
        if int(num_person) < 1:
            raise ValueError(f'num_person={num_person} must be at least 1')
        self.num_person = int(num_person)
        self.feats = feats
        self.with_score = with_score
        self.double = double
        self.layout, self.bones = resolve_layout(layout, 'bones')
        self.flip_index = np.array(self.layout.flip_index)
        self.num_joints = self.layout.num_joints
        # Bones as one product over the joint axis: column j is joint j minus its parent (0 for joints without
        # a bone); ``parent`` gives each joint's parent, itself where it has none.
        joint, parent = self.bones[:, 0], self.bones[:, 1]
        self.bone_matrix = np.zeros((self.num_joints, self.num_joints), np.float32)
        self.bone_matrix[joint, joint] += 1
        self.bone_matrix[parent, joint] -= 1
        self.parent = np.arange(self.num_joints)
        self.parent[joint] = parent
        self.has_bone = np.zeros(self.num_joints, bool)
        self.has_bone[joint] = True

    def _select_persons(self, score, keypoint, present):
        """Keep or zero-pad the person axis of each array to ``num_person``, selecting by ``score``."""
        num_person = len(score)
        if num_person > self.num_person:
            mean_score = score.reshape(num_person, -1).mean(1)
            keep = np.sort(np.argsort(-mean_score, kind='stable')[:self.num_person])
            return score[keep], keypoint[keep], present[keep]
        return score, keypoint, present  # padding: the persons beyond stay 0 in the packed array

    def _channels(self, keypoint, present):
        """The features of ``keypoint`` [K, M, T, V, C], each [K, M, T, V, channels], in ``feats`` order."""
        features = dict(joint=keypoint)
        if 'bone' in self.feats or 'bone_motion' in self.feats:
            features['bone'], bone_present = self._bone(keypoint, present)
        if 'joint_motion' in self.feats:
            features['joint_motion'] = _motion(keypoint, present)
        if 'bone_motion' in self.feats:
            features['bone_motion'] = _motion(features['bone'], bone_present)
        if 'distance' in self.feats:
            features['distance'] = _distance(keypoint, present)
        return [features[name] for name in self.feats]

    def _bone(self, keypoint, present):
        bone_present = present & present.take(self.parent, -1) & self.has_bone
        # Missing joints are 0: where both ends are present the difference is the bone, else it is cleared.
        bone = (keypoint.swapaxes(-1, -2) @ self.bone_matrix).swapaxes(-1, -2)
        return zero_missing(bone, bone_present), bone_present

    def apply(self, skeleton, results):
        num_clips, clip_len = clip_layout(results, skeleton.keypoint.shape[1])
        score, keypoint, present = self._select_persons(skeleton.score, skeleton.keypoint, skeleton.present)
        num_person, _, num_joints, dims = keypoint.shape

        def by_clip(array):
            # [M, T, ...] -> [num_clips, M, clip_len, ...] (a view), mirrored copies appended when double.
            array = array.reshape((num_person, num_clips, clip_len) + array.shape[2:]).swapaxes(0, 1)
            if not self.double:
                return array
            mirrored = array[:, :, :, self.flip_index]
            if array.ndim == 5:
                mirrored[..., 0] *= -1
            return np.concatenate([array, mirrored])

        keypoint, score, present = by_clip(keypoint), by_clip(score), by_clip(present)
        # One output array [K, C', T, V, M], filled channel group by group; persons beyond the sample's stay 0.
        features = self._channels(keypoint, present)
        channels = sum(feature.shape[-1] for feature in features) + self.with_score
        packed = np.zeros((len(keypoint), channels, clip_len, num_joints, self.num_person), np.float32)
        start = 0
        for feature in features:
            packed[:, start:start + feature.shape[-1], ..., :num_person] = feature.transpose(0, 4, 2, 3, 1)
            start += feature.shape[-1]
        if self.with_score:
            packed[:, -1, ..., :num_person] = score.transpose(0, 2, 3, 1)
        skeleton.keypoint = packed

    def __repr__(self):
        return (f'{self.__class__.__name__}(num_person={self.num_person}, feats={self.feats}, '
                f'with_score={self.with_score}, double={self.double}, layout={self.layout.name!r})')
