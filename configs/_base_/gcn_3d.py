# _base_/gcn_3d -> host GCN
# The host's own graph network on 3D skeletons without a dataset: _base_/gcn.py on the host's 3D config (pyskl:
# ST-GCN++ stgcn++_ntu60_xsub_3dkp/j.py; MMAction2 0.x: ST-GCN stgcn_80e_ntu60_xsub_keypoint_3d.py) with the NTU
# RGB+D joint layout (Kinect's 25 joints in metres, no scores). Not a child of _base_/gcn.py: the host's 3D model
# and pipelines come only with its 3D config, and a config inherits one host config.
from keypoint_plugin.host import gcn_config

_base_ = [gcn_config('ntu60_xsub_3d')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='nturgb+d')
dims = 3
model = dict(backbone=dict(type='LayoutSTGCN'))
dataset_type = 'KeypointPoseDataset'
data = dict(
    train=dict(_delete_=True, type=dataset_type, data_prefix='', pipeline={{_base_.train_pipeline}}),
    val=dict(type=dataset_type, data_prefix=''),
    test=dict(type=dataset_type, data_prefix=''))
total_epochs = 80
checkpoint_config = dict(interval=5)
evaluation = dict(interval=5, metrics=['top1', 'top5', 'mean_class_accuracy', 'f1_macro'])
