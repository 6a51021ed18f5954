# raw_kp/penn_action_joint -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# The joint stream of configs/raw_kp/penn_action.py, for late fusion of the four streams with
# tools/fuse_scores.py (tools/compare_variants.py penn_action --streams ... trains, tests and fuses them).
from keypoint_plugin.config_utils import stream_data

_base_ = ['./penn_action.py']
model = dict(backbone=dict(in_channels=3))  # x, y, score
data = stream_data('{{ fileDirname }}/penn_action.py', feats=('joint', ))
work_dir = './work_dirs/raw_kp/penn_action_joint'
