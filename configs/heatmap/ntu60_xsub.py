# PoseC3D SlowOnly-R50 joint heatmaps: the host's own config, unchanged but for the dataset type (ours adds
# precision/recall/F1 and the confusion matrix to the host's evaluation) and pyskl's unified annotation file.
from keypoint_plugin.host import posec3d_config

_base_ = [posec3d_config('ntu60_xsub')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

dataset_type = 'KeypointPoseDataset'
ann_file = 'data/nturgb+d/ntu60_hrnet.pkl'
data = dict(
    train=dict(_delete_=True, type='RepeatDataset', times=10,
               dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_train', data_prefix='',
                            pipeline={{_base_.train_pipeline}})),
    val=dict(type=dataset_type, ann_file=ann_file, split='xsub_val', data_prefix=''),
    test=dict(type=dataset_type, ann_file=ann_file, split='xsub_val', data_prefix=''))
evaluation = dict(metrics=['top1', 'top5', 'mean_class_accuracy', 'f1_macro'], save_best='top1')
