"""The mmcv 1.x family's components: ``KeypointPoseDataset``, ``RawKeypointRecognizer`` and the atomic disk backend."""
from .dataset import KeypointPoseDataset
from .fileio import AtomicDiskBackend
from .recognizer import RawKeypointRecognizer

__all__ = ['AtomicDiskBackend', 'KeypointPoseDataset', 'RawKeypointRecognizer']
