# mmaction1x: _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on MMAction2 1.x without a dataset: the heatmap baseline's data settings and evaluation
# (heatmap.py); the pipeline, the backbone (RawKeypointConv3D in the host's Recognizer3D and I3DHead) and the
# optimizer differ, as in the mmcv 1.x base configs/_base_/raw_kp.py (same steps and values; the host's
# PackActionInputs ends each pipeline in place of Collect + ToTensor; tests/test_config_families.py checks it).
_base_ = ['./heatmap.py']

clip_len = 48
feats = ('joint', 'bone')
model = dict(
    backbone=dict(_delete_=True, type='RawKeypointConv3D', in_channels=5),  # num_joints: the config's layout
    cls_head=dict(in_channels=192))
train_pipeline = [
    # Short clips stretched, not looped, and interpolated between frames, so they move smoothly.
    dict(type='KeypointSampleFrames', clip_len=clip_len, p_interval=0.5, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointFlip', flip_ratio=0.5),  # the layout's pairs; missing joints by score
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='RandomKeypointAffine', angle=0.2, scale=0.4),
    dict(type='RandomJointDrop', p=0.1),  # occlusion-like gaps: classify from the joints that are left
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=10, test_mode=True, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True, double=True),
    dict(type='PackActionInputs')
]
train_dataloader = dict(batch_size=32, num_workers=2, dataset=dict(dataset=dict(pipeline=train_pipeline)))
val_dataloader = dict(batch_size=32, num_workers=2, dataset=dict(pipeline=val_pipeline))
test_dataloader = dict(batch_size=16, num_workers=2, dataset=dict(pipeline=test_pipeline))
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.0005, nesterov=True))  # 8x32
warmup_iters = 200
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=warmup_iters),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=24, by_epoch=True, convert_to_iter_based=True)]
