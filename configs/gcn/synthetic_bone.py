# gcn/synthetic_bone -> gcn/synthetic -> gcn/penn_action -> _base_/gcn -> host GCN
# The bone stream of configs/gcn/synthetic.py (each joint minus its parent in the config's layout, as the host's
# JointToBone / GenSkeFeat(feats=['b']) for the skeletons it names), for late fusion with tools/fuse_scores.py.
from keypoint_plugin.config_utils import bone_data

_base_ = ['./synthetic.py']
data = bone_data('{{ fileDirname }}/synthetic.py')
work_dir = './work_dirs/gcn/synthetic_bone'
