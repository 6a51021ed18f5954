# mmaction1x: gcn/nw_ucla_bone -> gcn/nw_ucla -> gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The bone stream of nw_ucla.py: LayoutJointToBone (each joint minus its parent in the Kinect v1 layout) after
# PoseDecode; for late fusion with tools/fuse_scores.py.
_base_ = ['./nw_ucla.py']
# After _base_: mmengine takes a config that starts with an import for its other, lazy-import format.
from keypoint_plugin.config_utils import bone_loaders  # noqa: E402

train_dataloader, val_dataloader, test_dataloader = bone_loaders('{{ fileDirname }}/nw_ucla.py')
work_dir = './work_dirs/mmaction1x/gcn/nw_ucla_bone'
