# _base_/gcn -> host GCN
# The host's own graph network on 2D joints without a dataset (the gcn/<dataset>.py configs name the annotation file
# and splits): pyskl's ST-GCN++ config (configs/stgcn++/stgcn++_ntu60_xsub_hrnet/j.py) or, on MMAction2 0.x (which
# ships ST-GCN and 2s-AGCN, no ST-GCN++), its ST-GCN config (configs/skeleton/stgcn/stgcn_80e_ntu60_xsub_keypoint.py):
# model and pipelines untouched. What differs from it, on either host:
# - the backbone: LayoutSTGCN, the host's STGCN with the graph of the config's `layout` (the hosts' graphs take
#   only the skeleton names they know); the same layout setting as every other variant;
# - the dataset type: KeypointPoseDataset (checked annotations; precision, recall and F1) and the evaluation metrics
#   of the other variants;
# - a plain training set on both hosts: pyskl's 16 epochs of a 5x RepeatDataset are MMAction2's 80 epochs in
#   samples seen and (cosine, per iteration) learning-rate steps.
from keypoint_plugin.host import gcn_config

_base_ = [gcn_config('ntu60_xsub')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='coco')  # given once: the backbone's graph, the dataset's checks, LayoutJointToBone's bones
dims = 2
model = dict(backbone=dict(type='LayoutSTGCN'))
dataset_type = 'KeypointPoseDataset'
data = dict(
    train=dict(_delete_=True, type=dataset_type, data_prefix='', pipeline={{_base_.train_pipeline}}),
    val=dict(type=dataset_type, data_prefix=''),
    test=dict(type=dataset_type, data_prefix=''))
total_epochs = 80
checkpoint_config = dict(interval=5)
evaluation = dict(interval=5, metrics=['top1', 'top5', 'mean_class_accuracy', 'f1_macro'])
