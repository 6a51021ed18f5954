# raw_kp/ntu60_xsub_joint_motion -> raw_kp/ntu60_xsub -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# The joint-motion stream of configs/raw_kp/ntu60_xsub.py, for late fusion of the four streams with
# tools/fuse_scores.py (tools/compare_variants.py ntu60_xsub --streams ... trains, tests and fuses them).
from keypoint_plugin.config_utils import stream_data

_base_ = ['./ntu60_xsub.py']
model = dict(backbone=dict(in_channels=3))  # x, y, score
data = stream_data('{{ fileDirname }}/ntu60_xsub.py', feats=('joint_motion', ))
work_dir = './work_dirs/raw_kp/ntu60_xsub_joint_motion'
