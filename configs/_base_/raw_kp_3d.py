# _base_/raw_kp_3d -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on 3D skeletons (Kinect's 25 joints in metres, no scores), no dataset yet: raw_kp.py with the
# NTU RGB+D joint layout, three coordinates per joint and the 3D pipelines.
_base_ = ['./raw_kp.py']
layout = dict(name='nturgb+d')
dims = 3
feats = ('joint', 'bone')
model = dict(backbone=dict(in_channels=6),  # joint x, y, z, bone x, y, z
             # 3D skeletons are fitted to zero loss within a few epochs (about a thousand training clips): smoothed
             # labels keep the targets off one-hot.
             cls_head=dict(loss_cls=dict(type='LabelSmoothingCrossEntropyLoss', label_smoothing=0.1)))
train_pipeline = [
    # Whole clips, no temporal crop: a random 50-100% of a clip can cut the part that names the action (NW-UCLA
    # train view 1 -> view 2: +1.8 top-1 over that crop, configs/raw_kp/README.md).
    dict(type='KeypointSampleFrames', clip_len=48),
    dict(type='PoseDecode'),
    dict(type='KeypointFlip', flip_ratio=0.5),  # mirrors x; the layout's pairs; missing: all-zero joints
    # Each clip turned about the vertical to face one way (hips and shoulders along x), so the camera's azimuth no
    # longer shows: NW-UCLA train view 1 -> view 2, +2.6 top-1 (configs/raw_kp/README.md).
    dict(type='KeypointNormalize', mode='skeleton', align='yaw'),
    dict(type='RandomKeypointAffine', angle=0.2, scale=0.4),
    dict(type='PackRawKeypoint', num_person=2, feats=feats),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint', 'label'])
]
val_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=48, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointNormalize', mode='skeleton', align='yaw'),
    dict(type='PackRawKeypoint', num_person=2, feats=feats),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint'])
]
test_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=48, num_clips=10, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointNormalize', mode='skeleton', align='yaw'),
    # 10 clips x 2 mirrors, as in 2D. NW-UCLA train view 1 -> view 2, three trained 3D models: +1.0, +1.4 and -1.0
    # top-1 alone, -0.2 and +0.2 fused with the projected stream (configs/raw_kp/README.md).
    dict(type='PackRawKeypoint', num_person=2, feats=feats, double=True),
    dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['keypoint'])
]
data = dict(train=dict(dataset=dict(pipeline=train_pipeline)), val=dict(pipeline=val_pipeline),
            test=dict(pipeline=test_pipeline))
