"""Datasets registered into the host: KeypointPoseDataset, and the annotation readers it uses."""
from .pose_dataset import KeypointPoseDataset, config_test_labels, load_pose_annotations

__all__ = ['KeypointPoseDataset', 'config_test_labels', 'load_pose_annotations']
