# mmaction1x: gcn/nw_ucla_bone -> gcn/nw_ucla -> gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The bone stream of nw_ucla.py: LayoutJointToBone (each joint minus its parent in the Kinect v1 layout) after
# PoseDecode; for late fusion with tools/fuse_scores.py.
_base_ = ['./nw_ucla.py']
# After _base_: mmengine takes a config that starts with an import for its other, lazy-import format.
from keypoint_plugin.config_utils import bone_pipelines  # noqa: E402

train_pipeline, val_pipeline, test_pipeline = bone_pipelines('{{ fileDirname }}/nw_ucla.py')
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=train_pipeline)))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
work_dir = './work_dirs/mmaction1x/gcn/nw_ucla_bone'
