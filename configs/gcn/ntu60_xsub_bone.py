# gcn/ntu60_xsub_bone -> gcn/ntu60_xsub -> _base_/gcn -> host GCN
# The bone stream of configs/gcn/ntu60_xsub.py (each joint minus its parent in the config's layout, as the host's
# JointToBone / GenSkeFeat(feats=['b']) for the skeletons it names), for late fusion with tools/fuse_scores.py.
from keypoint_plugin.config_utils import bone_data

_base_ = ['./ntu60_xsub.py']
data = bone_data('{{ fileDirname }}/ntu60_xsub.py')
work_dir = './work_dirs/gcn/ntu60_xsub_bone'
