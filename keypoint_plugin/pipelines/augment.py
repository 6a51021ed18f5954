"""RandomKeypointAffine: training-time rotation and scaling of normalized skeletons."""
import numpy as np

from ..host import PIPELINES
from .batch_ops import affine_matrices
from .skeleton import Skeleton, SkeletonStep, zero_missing


@PIPELINES.register_module()
class RandomKeypointAffine(SkeletonStep):
    """Rotate and scale a clip's skeletons by one random transform (after ``KeypointNormalize``).

    Camera angle and body proportions vary between recordings; drawing them at random keeps a small
    raw-keypoint model from overfitting one view. The transform is about the origin, i.e. the clip's
    center once normalized, and is shared by all persons and frames so motion and relative positions are
    kept. Missing joints stay at 0. The matrix applied is written to ``results['keypoint_affine']`` (as the
    hosts' Flip writes ``flip``), so the draw is known.

    Args:
        angle (float): Largest rotation in radians (uniform in ``[-angle, angle]``): in the image plane for
            2D, about the vertical (y) axis for 3D.
        scale (float): Largest relative change of each axis' scale (uniform in ``[1 - scale, 1 + scale]``).
        p (float): Probability of applying the transform.
        tilt (float): 3D only: largest rotation in radians about each of the x and z axes (uniform, drawn
            before ``angle``'s rotation about y and applied first), so the camera's height and roll vary
            too. Default: 0.
    """

    def __init__(self, angle=0.1, scale=0.2, p=1.0, tilt=0.):
        if angle < 0 or tilt < 0 or not 0 <= scale < 1 or not 0 <= p <= 1:
            raise ValueError(f'need angle >= 0, tilt >= 0, 0 <= scale < 1 and 0 <= p <= 1, got angle={angle}, '
                             f'tilt={tilt}, scale={scale}, p={p}')
        self.angle, self.scale, self.p, self.tilt = angle, scale, p, tilt

    def _matrix(self, dims):
        if self.tilt and dims != 3:
            raise ValueError(f'tilt={self.tilt} rotates 3D keypoints, got {dims}D ones')
        tilt = np.random.uniform(-self.tilt, self.tilt, size=(1, 2)) if self.tilt else None
        theta = np.random.uniform(-self.angle, self.angle)
        scale = np.random.uniform(1 - self.scale, 1 + self.scale, size=dims)
        # The batched path's formula (batch_ops.py), so both apply the same matrix for the same draw.
        return affine_matrices(np.array([theta]), scale[None], tilt)[0]

    def _move(self, skeleton, results):
        keypoint = skeleton.keypoint
        matrix = self._matrix(keypoint.shape[-1]).astype(np.float32)
        # One matrix product over all joints (numpy would loop over a 4D array's [V, C] blocks); missing joints are
        # 0 and stay 0 (a linear map).
        skeleton.keypoint = (keypoint.reshape(-1, keypoint.shape[-1]) @ matrix.T).reshape(keypoint.shape)
        results['keypoint_affine'] = matrix

    def apply(self, skeleton, results):
        if np.random.rand() < self.p:
            self._move(skeleton, results)

    def __call__(self, results):
        # Not applied: nothing to read.
        if np.random.rand() < self.p:
            skeleton = Skeleton(results)
            self._move(skeleton, results)
            skeleton.write(results)
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}(angle={self.angle}, scale={self.scale}, p={self.p}, tilt={self.tilt})'


@PIPELINES.register_module()
class RandomJointDrop(SkeletonStep):
    """Mark random joints of a training clip missing in all its frames.

    Pose estimators lose joints to occlusion and to the image border, and a small training set shows few such
    skeletons; dropping joints at random makes the model classify from the joints that are left. A dropped
    joint is missing as everywhere in the plugin: coordinates 0 and score 0 (without scores, all-zero
    coordinates).

    Args:
        p (float): Probability of dropping each joint of each person. Default: 0.1.

    The draw is kept in ``results['joint_drop_kept']`` (bool [M, 1, V], True: not dropped).
    """

    def __init__(self, p=0.1):
        if not 0 <= p < 1:
            raise ValueError(f'p must be in [0, 1), got {p}')
        self.p = p

    def apply(self, skeleton, results):
        num_person, _, num_joints = skeleton.present.shape
        kept = np.random.rand(num_person, 1, num_joints) >= self.p
        # Recorded, as the flip and the affine matrix are, so the batched path can be checked on the same draw.
        results['joint_drop_kept'] = kept
        keep = skeleton.present & kept
        skeleton.keypoint = zero_missing(skeleton.keypoint.copy(), keep)
        skeleton.score = zero_missing(skeleton.score.copy(), keep)
        skeleton.present = keep

    def __repr__(self):
        return f'{self.__class__.__name__}(p={self.p})'
