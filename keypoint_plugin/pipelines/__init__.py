"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, and the
flip and box crop that decide missing joints by score, and a frame sampler and decoder for short clips."""
from .augment import RandomJointDrop, RandomKeypointAffine
from .compact import KeypointCompact
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender
from .sample import KeypointDecode, KeypointSampleFrames

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'RandomJointDrop',
           'PackRawKeypoint', 'GrayscaleRender', 'KeypointDecode', 'KeypointSampleFrames']
