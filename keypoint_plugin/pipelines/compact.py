"""KeypointCompact: crop the image frame to the skeletons' box, deciding presence by score."""
import numpy as np

from ..host import PIPELINES
from .skeleton import read_skeleton


@PIPELINES.register_module()
class KeypointCompact:
    """Shrink ``img_shape`` to the box around all present joints of the clip, padded, and move the joints
    into it: the host's ``PoseCompact`` for the grayscale render, with presence decided by score.

    The hosts' ``PoseCompact`` takes a coordinate equal to 0 for missing: a real joint at the image border is
    left out of the box and, not moved with the rest, lands at the wrong place. Here the box spans the joints
    with score > 0 and finite coordinates, every present joint moves, and missing joints stay exactly 0.

    Args:
        padding (float): The box grows by this fraction of its size around its centre. Default: 0.25.
        threshold (float): A box narrower or lower than this many pixels leaves the sample unchanged.
            Default: 10.
        hw_ratio (float | tuple[float, float] | None): Grow the box until height / width is at least
            ``hw_ratio[0]`` and width / height at least ``1 / hw_ratio[1]`` (1: square). Default: None.
        allow_imgpad (bool): Whether the box may reach beyond the image. Default: True.
    """

    def __init__(self, padding=0.25, threshold=10, hw_ratio=None, allow_imgpad=True):
        if padding < 0:
            raise ValueError(f'padding must be >= 0, got {padding}')
        self.padding, self.threshold, self.allow_imgpad = padding, threshold, allow_imgpad
        self.hw_ratio = None if hw_ratio is None else tuple(np.broadcast_to(hw_ratio, 2).tolist())

    def __call__(self, results):
        keypoint, score, present = read_skeleton(results)
        if keypoint.shape[-1] != 2:
            raise ValueError(f'KeypointCompact works on 2D pixel coordinates, got shape {keypoint.shape}')
        points = keypoint[present]
        if not len(points):
            return results
        low, high = points.min(0), points.max(0)
        if (high - low < self.threshold).any():
            return results
        center, half = (low + high) / 2, (high - low) / 2 * (1 + self.padding)
        if self.hw_ratio is not None:  # half is (x, y)
            half[1] = max(self.hw_ratio[0] * half[0], half[1])
            half[0] = max(half[1] / self.hw_ratio[1], half[0])
        low = np.floor(center - half)  # whole pixels, as the host's; a square box stays square
        high = low + np.ceil(2 * half)
        if not self.allow_imgpad:
            height, width = results['img_shape']
            low, high = np.maximum(low, 0), np.minimum(high, [width, height])
        results['keypoint'] = np.where(present[..., None], keypoint - low.astype(np.float32), np.float32(0))
        results['keypoint_score'] = score  # 0 where missing: a non-finite joint's new zeros must not count
        results['img_shape'] = (int(high[1] - low[1]), int(high[0] - low[0]))
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(padding={self.padding}, threshold={self.threshold}, '
                f'hw_ratio={self.hw_ratio}, allow_imgpad={self.allow_imgpad})')
