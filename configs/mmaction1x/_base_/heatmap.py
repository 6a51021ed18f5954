# mmaction1x: _base_/heatmap -> host PoseC3D
# The heatmap baseline on MMAction2 1.x without a dataset (the <variant>/<dataset>.py configs name the annotation
# file): PoseC3D SlowOnly-R50 joint heatmaps, the host's own NTU60 X-Sub config (model, pipelines and schedule:
# 24 epochs of a 10x RepeatDataset, as pyskl's), changed only where it must be:
# - the dataset type: KeypointPoseDataset is the host's PoseDataset checking every annotation when it loads
#   (errors name the sample, not a crash mid-epoch);
# - the evaluators: KeypointMetric (precision, recall, F1) beside the host's AccMetric.
_base_ = 'mmaction::skeleton/posec3d/slowonly_r50_8xb16-u48-240e_ntu60-xsub-keypoint.py'
custom_imports = dict(imports=['keypoint_plugin'], allow_failed_imports=False)

# The joint layout and coordinates per joint, given once (tools/data/README.md, "A new dataset"): the plugin's
# tools pass them to every dataset, plugin pipeline step and the backbone (keypoint_plugin.config_utils.apply_settings).
layout = dict(name='coco')
dims = 2
train_dataloader = dict(dataset=dict(dataset=dict(type='KeypointPoseDataset')))
val_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
test_dataloader = dict(dataset=dict(type='KeypointPoseDataset'))
val_evaluator = [dict(type='AccMetric'), dict(type='KeypointMetric')]
test_evaluator = val_evaluator
