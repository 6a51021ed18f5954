# mmaction1x: _base_/gcn -> host GCN
# The host's own graph network on MMAction2 1.x without a dataset (the gcn/<dataset>.py configs name the annotation
# file): its ST-GCN++ NTU60 X-Sub 2D config (model, pipelines and schedule: 16 epochs of a 5x RepeatDataset, as
# pyskl's), changed only where it must be, as the mmcv 1.x base configs/_base_/gcn.py:
# - the backbone: LayoutSTGCN, the host's STGCN with the graph of the config's `layout` (1.x's Graph takes it as
#   a dict of num_node, inward and center; the same layout setting as every other variant);
# - the dataset type: KeypointPoseDataset (checked annotations);
# - the evaluators: KeypointMetric (precision, recall, F1) beside the host's AccMetric.
_base_ = 'mmaction::skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d.py'
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='coco')  # given once: the backbone's graph, the dataset's checks, LayoutJointToBone's bones
dims = 2
model = dict(backbone=dict(type='LayoutSTGCN'))
train_dataloader = dict(dataset=dict(dataset=dict(type='KeypointPoseDataset')))
val_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
test_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
val_evaluator = [dict(type='AccMetric'), dict(type='KeypointMetric')]
test_evaluator = val_evaluator
