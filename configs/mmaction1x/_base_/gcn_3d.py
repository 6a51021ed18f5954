# mmaction1x: _base_/gcn_3d -> host GCN
# The host's ST-GCN++ on MMAction2 1.x on 3D skeletons without a dataset: _base_/gcn.py on the host's 3D config
# with the NTU RGB+D joint layout (Kinect's 25 joints in metres, no scores). Not a child of _base_/gcn.py: the
# host's 3D pipelines come only with its 3D config, and a config inherits one host config.
_base_ = 'mmaction::skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-3d.py'
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='nturgb+d')
dims = 3
model = dict(backbone=dict(type='LayoutSTGCN'))
train_dataloader = dict(dataset=dict(dataset=dict(type='KeypointPoseDataset')))
val_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
test_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
val_evaluator = [dict(type='AccMetric'), dict(type='KeypointMetric')]
test_evaluator = val_evaluator
