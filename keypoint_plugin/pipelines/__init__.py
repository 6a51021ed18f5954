"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input and grayscale renders."""
from .augment import RandomKeypointAffine
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender

__all__ = ['KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'PackRawKeypoint', 'GrayscaleRender']
