"""KeypointFlip: a horizontal flip of skeletons that leaves missing joints missing."""
import numpy as np

from ..host import PIPELINES
from ..layouts import get_layout
from .skeleton import Skeleton, SkeletonStep, zero_missing


@PIPELINES.register_module()
class KeypointFlip(SkeletonStep):
    """Mirror a clip's skeletons left to right, at random, and swap the layout's left and right joints.

    The hosts' ``Flip`` takes a joint at x == 0 for a missing one and leaves it at 0 while the rest of the
    skeleton is mirrored: real joints at the left image border (where pose estimators clip their output) or in
    centred coordinates become outliers. Here missing is decided as everywhere in the plugin: score 0 (2D), or
    all-zero or non-finite coordinates without scores (3D); missing joints stay exactly 0, scores move with
    their joints, and the left/right pairs come from the joint layout.

    Args:
        flip_ratio (float): Probability of flipping. Default: 0.5.
        layout (str | dict): Joint layout (its ``left``/``right`` pairs). Default: 'coco'.
    """

    def __init__(self, flip_ratio=0.5, layout='coco'):
        if not 0 <= flip_ratio <= 1:
            raise ValueError(f'flip_ratio must be in [0, 1], got {flip_ratio}')
        self.flip_ratio, self.layout = flip_ratio, get_layout(layout)
        self.flip_index = np.array(self.layout.flip_index)
        self.num_joints = self.layout.num_joints

    def _draw(self, results):
        flip = np.random.rand() < self.flip_ratio
        results.update(flip=flip, flip_direction='horizontal')
        return flip

    def _flip(self, skeleton, results):
        # The joint swap's gather is the one copy; x is mirrored in it.
        mirrored, present = skeleton.keypoint.take(self.flip_index, 2), skeleton.present.take(self.flip_index, 2)
        # 2D: pixels of the current image (as the host's Flip: x -> width - x); 3D: about the x = 0 plane.
        width = results['img_shape'][1] if mirrored.shape[-1] == 2 else 0
        mirrored[..., 0] = zero_missing(width - mirrored[..., 0], present)
        skeleton.keypoint, skeleton.present = mirrored, present
        skeleton.score = skeleton.score.take(self.flip_index, 2)

    def apply(self, skeleton, results):
        if self._draw(results):
            self._flip(skeleton, results)

    def __call__(self, results):
        # Not flipped: nothing to read.
        if self._draw(results):
            skeleton = Skeleton(results, self.num_joints)
            self._flip(skeleton, results)
            skeleton.write(results)
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}(flip_ratio={self.flip_ratio}, layout={self.layout.name!r})'
