"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, the
flip and box crop that decide missing joints by score, a frame sampler and decoder for short clips, and the
per-sample end of the batched raw-keypoint path."""
from .augment import RandomJointDrop, RandomKeypointAffine
from .compact import KeypointCompact
from .device_pipeline import PadKeypointPersons
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender
from .sample import KeypointDecode, KeypointSampleFrames

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'RandomJointDrop',
           'PackRawKeypoint', 'PadKeypointPersons', 'GrayscaleRender', 'KeypointDecode', 'KeypointSampleFrames']
