# gcn/ntu60_xsub_3d -> host GCN
# The host's own graph network on NTU60 X-Sub 3D skeletons (joint stream): ntu60_xsub.py on the host's 3D config
# (pyskl: ST-GCN++ stgcn++_ntu60_xsub_3dkp/j.py; MMAction2 0.x: ST-GCN stgcn_80e_ntu60_xsub_keypoint_3d.py) and
# pyskl's 3D annotation file (Kinect's 25 joints in metres, no scores).
from keypoint_plugin.host import gcn_config

_base_ = [gcn_config('ntu60_xsub_3d')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='nturgb+d')
dims = 3
model = dict(backbone=dict(type='LayoutSTGCN'))
dataset_type = 'KeypointPoseDataset'
ann_file = 'data/nturgbd/ntu60_3danno.pkl'
# A plain training set on both hosts: pyskl's 16 epochs of a 5x RepeatDataset are MMAction2's 80 epochs in
# samples seen and (cosine, per iteration) learning-rate steps.
data = dict(
    train=dict(_delete_=True, type=dataset_type, ann_file=ann_file, split='xsub_train', data_prefix='',
               pipeline={{_base_.train_pipeline}}),
    val=dict(type=dataset_type, ann_file=ann_file, split='xsub_val', data_prefix=''),
    test=dict(type=dataset_type, ann_file=ann_file, split='xsub_val', data_prefix=''))
total_epochs = 80
checkpoint_config = dict(interval=5)
evaluation = dict(interval=5, metrics=['top1', 'top5', 'mean_class_accuracy', 'f1_macro'])
work_dir = './work_dirs/gcn/ntu60_xsub_3d'
