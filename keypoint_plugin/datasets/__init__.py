"""Datasets registered into the host: KeypointPoseDataset, the annotation readers it uses, and a repeat wrapper
that sizes epochs for small training sets."""
from .pose_dataset import KeypointPoseDataset, config_test_labels, load_pose_annotations
from .repeat import ScaledRepeatDataset

__all__ = ['KeypointPoseDataset', 'ScaledRepeatDataset', 'config_test_labels', 'load_pose_annotations']
