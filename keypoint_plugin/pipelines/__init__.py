"""Pipeline transforms registered into the host's PIPELINES: raw keypoint input, grayscale renders, the
flip and box crop that decide missing joints by score, a frame sampler and decoder for short clips, the pinhole
projection of 3D skeletons, the per-sample end of the batched raw-keypoint path, and bones of any layout for the
hosts' graph networks."""
from .augment import RandomJointDrop, RandomKeypointAffine
from .bone import LayoutJointToBone
from .compact import KeypointCompact
from .device_pipeline import PadKeypointPersons
from .flip import KeypointFlip
from .normalize import KeypointNormalize
from .pack import PackRawKeypoint
from .project import KeypointProject
from .render import GrayscaleRender
from .sample import KeypointDecode, KeypointSampleFrames
from .skeleton import SkeletonStep, SkeletonSteps, fuse_skeleton_steps

__all__ = ['KeypointCompact', 'KeypointFlip', 'KeypointNormalize', 'KeypointProject', 'LayoutJointToBone',
           'RandomKeypointAffine', 'RandomJointDrop', 'PackRawKeypoint', 'PadKeypointPersons', 'GrayscaleRender',
           'KeypointDecode', 'KeypointSampleFrames', 'SkeletonStep', 'SkeletonSteps', 'fuse_skeleton_steps']
