"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, and the
flip and box crop that decide missing joints by score."""
from .augment import RandomKeypointAffine
from .compact import KeypointCompact
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'PackRawKeypoint',
           'GrayscaleRender']
