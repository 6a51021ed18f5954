"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input and grayscale renders."""
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender

__all__ = ['KeypointNormalize', 'PackRawKeypoint', 'GrayscaleRender']
