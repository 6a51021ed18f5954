# gcn/ntu60_xsub_3d_bone -> gcn/ntu60_xsub_3d -> _base_/gcn_3d -> host GCN
# The bone stream of configs/gcn/ntu60_xsub_3d.py (each joint minus its parent in the config's layout, as the host's
# JointToBone / GenSkeFeat(feats=['b']) for the skeletons it names), for late fusion with tools/fuse_scores.py.
from keypoint_plugin.config_utils import bone_data

_base_ = ['./ntu60_xsub_3d.py']
data = bone_data('{{ fileDirname }}/ntu60_xsub_3d.py')
work_dir = './work_dirs/gcn/ntu60_xsub_3d_bone'
