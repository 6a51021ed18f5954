"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input and grayscale renders."""
from .augment import RandomKeypointAffine
from .compact import KeypointCompact
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'PackRawKeypoint', 'GrayscaleRender']
