# _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints without a dataset: the heatmap baseline's data settings and evaluation; only the pipeline, the
# model and the optimizer differ. The 2D skeletons ([M, T, 17, 2] + scores) are normalized per clip and packed into
# [clips, C'=5 (joint x, y, bone x, y, score), T, V=17, M=2] for RawKeypointConv3D. Joints and bones in one
# network cost next to nothing more than joints alone and beat either (Penn Action, configs/raw_kp/README.md);
# the single-feature streams for late fusion are the raw_kp/<dataset>_<stream>.py configs.
_base_ = ['./heatmap.py']

clip_len = 48
feats = ('joint', 'bone')
model = dict(
    type='RawKeypointRecognizer',
    backbone=dict(_delete_=True, type='RawKeypointConv3D', in_channels=5),  # num_joints: the config's layout
    cls_head=dict(in_channels=192))  # the host's I3DHead; its dropout and loss as in the baseline
train_pipeline = [
    # Short clips stretched, not looped, and interpolated between frames, so they move smoothly.
    dict(type='KeypointSampleFrames', clip_len=clip_len, p_interval=0.5, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointFlip', flip_ratio=0.5),  # the layout's pairs; missing joints by score
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='RandomKeypointAffine', angle=0.2, scale=0.4),
    dict(type='RandomJointDrop', p=0.1),  # occlusion-like gaps: classify from the joints that are left
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint', 'label'])
]
val_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint'])
]
test_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=10, test_mode=True, interpolate=True),
    dict(type='KeypointDecode'),
    dict(type='KeypointNormalize', mode='skeleton'),
    dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=True, double=True),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint'])
]
data = dict(
    videos_per_gpu=32,
    workers_per_gpu=2,
    train=dict(dataset=dict(pipeline=train_pipeline)),
    val=dict(pipeline=val_pipeline),
    test=dict(pipeline=test_pipeline))
optimizer = dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.0005, nesterov=True)
# The lr above is for 8 GPUs x 32 clips; auto_scale_lr.enable=True scales it linearly to the run's total batch.
auto_scale_lr = dict(enable=False, base_batch_size=256)
optimizer_config = dict(grad_clip=dict(max_norm=40, norm_type=2))
lr_config = dict(_delete_=True, policy='CosineAnnealing', by_epoch=False, min_lr=0, warmup='linear',
                 warmup_iters=200, warmup_ratio=0.1)
total_epochs = 24
checkpoint_config = dict(interval=1)
evaluation = dict(interval=1)
workflow = [('train', 1)]
