# gcn/ntu60_xsub -> host GCN
# The host's own graph network on NTU60 X-Sub 2D (joint stream): pyskl's ST-GCN++ config (configs/stgcn++/
# stgcn++_ntu60_xsub_hrnet/j.py) or, on MMAction2 0.x (which ships ST-GCN and 2s-AGCN, no ST-GCN++), its ST-GCN
# config (configs/skeleton/stgcn/stgcn_80e_ntu60_xsub_keypoint.py): model and pipelines untouched.
# What differs from it:
# - the backbone: LayoutSTGCN, the host's STGCN with the graph of the config's `layout` (the hosts' graphs take
#   only the skeleton names they know); the same layout setting as every other variant;
# - the dataset type: KeypointPoseDataset (checked annotations; precision, recall and F1), pyskl's annotation file
#   and split names on either host (as the heatmap configs), and the evaluation metrics of the other variants.
from keypoint_plugin.host import gcn_config

_base_ = [gcn_config('ntu60_xsub')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

layout = dict(name='coco')  # given once: the backbone's graph, the dataset's checks, LayoutJointToBone's bones
dims = 2
model = dict(backbone=dict(type='LayoutSTGCN'))
dataset_type = 'KeypointPoseDataset'
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
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
work_dir = './work_dirs/gcn/ntu60_xsub'
