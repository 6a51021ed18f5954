"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, and the
flip and box crop that decide missing joints by score, a frame sampler for short clips, and the per-sample end
of the batched raw-keypoint path."""
from .augment import RandomKeypointAffine
from .batch import PadKeypointPersons
from .compact import KeypointCompact
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .render import GrayscaleRender
from .sample import KeypointSampleFrames

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'RandomKeypointAffine', 'PackRawKeypoint',
           'PadKeypointPersons', 'GrayscaleRender', 'KeypointSampleFrames']
