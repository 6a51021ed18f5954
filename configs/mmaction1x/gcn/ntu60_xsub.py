# mmaction1x: gcn/ntu60_xsub -> host GCN
# The host's own graph network on MMAction2 1.x, NTU60 X-Sub 2D joint stream: its ST-GCN++ config (model,
# pipelines and schedule: 16 epochs of a 5x RepeatDataset, as pyskl's), changed only where it must be:
# - the backbone: LayoutSTGCN, the host's STGCN with the graph of the config's `layout` (1.x's Graph takes it as
#   a dict of num_node, inward and center; the same layout setting as every other variant);
# - the dataset type: KeypointPoseDataset (checked annotations) on pyskl's annotation file, as the heatmap configs;
# - the evaluators: KeypointMetric (precision, recall, F1) beside the host's AccMetric.
_base_ = 'mmaction::skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-2d.py'
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='coco')  # given once: the backbone's graph, the dataset's checks, LayoutJointToBone's bones
dims = 2
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
model = dict(backbone=dict(type='LayoutSTGCN'))
train_dataloader = dict(dataset=dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file)))
val_dataloader = dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file))
test_dataloader = dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file))
val_evaluator = [dict(type='AccMetric'), dict(type='KeypointMetric')]
test_evaluator = val_evaluator
work_dir = './work_dirs/mmaction1x/gcn/ntu60_xsub'
