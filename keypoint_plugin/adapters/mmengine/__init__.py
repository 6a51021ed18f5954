"""The mmengine family's components: ``KeypointPoseDataset``, ``KeypointMetric`` and ``RawKeypointDataPreprocessor``."""
from .data_preprocessor import RawKeypointDataPreprocessor
from .dataset import KeypointPoseDataset
from .fileio import AtomicLocalBackend
from .metric import KeypointMetric

__all__ = ['AtomicLocalBackend', 'KeypointPoseDataset', 'KeypointMetric', 'RawKeypointDataPreprocessor']
