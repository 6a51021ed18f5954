# mmaction1x: gcn/ntu60_xsub_3d -> host GCN
# The host's ST-GCN++ on MMAction2 1.x, NTU60 X-Sub 3D joint stream: ntu60_xsub.py on the host's 3D config and
# pyskl's 3D annotation file (Kinect's 25 joints in metres, no scores).
_base_ = 'mmaction::skeleton/stgcnpp/stgcnpp_8xb16-joint-u100-80e_ntu60-xsub-keypoint-3d.py'
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='nturgb+d')
dims = 3
ann_file = 'data/nturgbd/ntu60_3danno.pkl'
model = dict(backbone=dict(type='LayoutSTGCN'))
train_dataloader = dict(dataset=dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file)))
val_dataloader = dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file))
test_dataloader = dict(dataset=dict(type='KeypointPoseDataset', ann_file=ann_file))
val_evaluator = [dict(type='AccMetric'), dict(type='KeypointMetric')]
test_evaluator = val_evaluator
work_dir = './work_dirs/mmaction1x/gcn/ntu60_xsub_3d'
