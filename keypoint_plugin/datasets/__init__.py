"""Annotation reading and checking for every host's KeypointPoseDataset (keypoint_plugin/host/<family>/dataset.py),
and a repeat wrapper that sizes epochs for small training sets."""
from .annotations import config_test_labels, load_checked_annotations, load_pose_annotations
from .repeat import ScaledRepeatDataset

__all__ = ['ScaledRepeatDataset', 'config_test_labels', 'load_checked_annotations', 'load_pose_annotations']
