"""LayoutJointToBone: the hosts' JointToBone (bone = joint minus its parent) for any joint layout."""
import numpy as np

from ..host import PIPELINES
from .skeleton import resolve_layout


@PIPELINES.register_module()
class LayoutJointToBone:
    """Replace each joint's coordinates in ``results['keypoint']`` by its bone: the joint minus its parent in the
    layout (the root's bone is 0), as the hosts' ``JointToBone`` / ``GenSkeFeat(feats=['b'])`` do for the
    skeletons they name; here the pairs come from the layout.

    Channels past the first ``dims`` are scores (the hosts' ``PreNormalize2D`` / ``GenSkeFeat`` append them to 2D
    keypoints): a bone's is the mean of its two joints' scores, as in the hosts. A separate
    ``results['keypoint_score']`` (before the host's formatting step merges it) is averaged the same way.
    Place it after ``PoseDecode``, where the GCN pipelines of every host have decoded the sampled frames.

    Args:
        layout (str | dict | Layout): Joint layout (the config's ``layout``); a dict may carry its own ``bones``
            list of ``(joint, parent)`` pairs. Default: ``'coco'``.
        dims (int): Coordinates per joint (the config's ``dims``). Default: 2.
    """

    def __init__(self, layout='coco', dims=2):
        if dims not in (2, 3):
            raise ValueError(f'dims={dims!r}: expected 2 or 3 coordinates per joint')
        self.layout, bones = resolve_layout(layout, 'bones')
        self.joints, self.parents = bones[:, 0], bones[:, 1]
        self.dims = dims

    def _bone(self, array, coords):
        bone = np.zeros(array.shape, dtype=np.float32)
        bone[..., self.joints, :coords] = array[..., self.joints, :coords] - array[..., self.parents, :coords]
        bone[..., self.joints, coords:] = (array[..., self.joints, coords:] + array[..., self.parents, coords:]) / 2
        return bone

    def __call__(self, results):
        keypoint = np.asarray(results['keypoint'], dtype=np.float32)
        if keypoint.ndim != 4 or keypoint.shape[2] != self.layout.num_joints or keypoint.shape[-1] < self.dims:
            raise ValueError(f"{results.get('frame_dir', 'sample')}: results['keypoint'] must be [M, T, V, C] with "
                             f'V = {self.layout.num_joints} joints (layout {self.layout.name!r}) and C >= '
                             f'dims = {self.dims}, got shape {keypoint.shape}')
        results['keypoint'] = self._bone(keypoint, self.dims)
        if 'keypoint_score' in results:
            score = np.asarray(results['keypoint_score'], dtype=np.float32)[..., None]
            results['keypoint_score'] = self._bone(score, 0)[..., 0]
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}(layout={self.layout.name!r}, dims={self.dims})'
