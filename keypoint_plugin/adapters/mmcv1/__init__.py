"""The mmcv 1.x family's components: ``KeypointPoseDataset`` and ``RawKeypointRecognizer``."""
from .dataset import KeypointPoseDataset
from .recognizer import RawKeypointRecognizer

__all__ = ['KeypointPoseDataset', 'RawKeypointRecognizer']
