# gcn/nw_ucla_bone -> gcn/nw_ucla -> gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The bone stream of configs/gcn/nw_ucla.py (each joint minus its parent in the Kinect v1 layout), for late fusion
# with tools/fuse_scores.py.
from keypoint_plugin.config_utils import bone_data

_base_ = ['./nw_ucla.py']
data = bone_data('{{ fileDirname }}/nw_ucla.py')
work_dir = './work_dirs/gcn/nw_ucla_bone'
