"""The mmengine family's components: ``KeypointPoseDataset``, ``KeypointMetric`` and ``RawKeypointDataPreprocessor``."""
from .data_preprocessor import RawKeypointDataPreprocessor
from .dataset import KeypointPoseDataset
from .metric import KeypointMetric

__all__ = ['KeypointPoseDataset', 'KeypointMetric', 'RawKeypointDataPreprocessor']
