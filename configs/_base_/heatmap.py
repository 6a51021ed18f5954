# _base_/heatmap -> host PoseC3D
# The heatmap baseline without a dataset (the <variant>/<dataset>.py configs name the annotation file and splits):
# PoseC3D SlowOnly-R50 joint heatmaps, the host's own config (pyskl's configs/posec3d/slowonly_r50_ntu60_xsub/
# joint.py, or the NTU60 X-Sub keypoint config that MMAction2 0.x ships), model and pipelines untouched.
# What differs from it, on either host:
# - the dataset type: KeypointPoseDataset is the host's PoseDataset whose evaluation adds precision, recall, F1
#   and the confusion matrix (hence the metrics below, and save_best so that --test-best has a checkpoint), and
#   which checks every annotation when it loads (errors name the sample, not a crash mid-epoch).
# - on MMAction2 only (on pyskl these equal its own values), so that both hosts train the same thing: pyskl's
#   schedule layout: 24 epochs of a 10x RepeatDataset (MMAction2's 240 plain epochs, in samples seen and cosine
#   steps), a checkpoint and an evaluation every epoch; and pyskl's annotation files (the NTU configs).
from keypoint_plugin.host import posec3d_config

_base_ = [posec3d_config('ntu60_xsub')]
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

# The joint layout (a name in keypoint_plugin/layouts.py or a dict; tools/data/README.md, "A new dataset") and
# coordinates per joint, given once: this plugin's tools pass them to every dataset (which checks the samples),
# pipeline step and backbone (keypoint_plugin.config_utils.apply_settings).
layout = dict(name='coco')  # dict(name=...): a child's own layout dict merges over it
dims = 2
dataset_type = 'KeypointPoseDataset'
data = dict(
    train=dict(_delete_=True, type='RepeatDataset', times=10,
               dataset=dict(type=dataset_type, data_prefix='', pipeline={{_base_.train_pipeline}})),
    val=dict(type=dataset_type, data_prefix=''),
    test=dict(type=dataset_type, data_prefix=''))
total_epochs = 24
checkpoint_config = dict(interval=1)
workflow = [('train', 1)]
evaluation = dict(interval=1, metrics=['top1', 'top5', 'mean_class_accuracy', 'f1_macro'], save_best='top1')
