"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, and the
flip and box crop that decide missing joints by score, and a frame sampler for short clips."""
from .augment import RandomKeypointAffine
from .compact import KeypointCompact
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender
from .sample import KeypointSampleFrames

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'PackRawKeypoint',
           'GrayscaleRender', 'KeypointSampleFrames']
