# mmaction1x: _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render on MMAction2 1.x without a dataset: the heatmap baseline's data settings, evaluation and 3D-CNN
# family (heatmap.py) with one grayscale image per frame ([clips, 1, T=32, 32, 32]) and SlowOnly slimmed to match,
# as in the mmcv 1.x base configs/_base_/grayscale.py (same steps and values; the host's PackActionInputs ends each
# pipeline in place of Collect + ToTensor; tests/test_config_families.py checks it).
_base_ = ['./heatmap.py']

clip_len = 32
size = 32
model = dict(backbone=dict(type='HostResNet3dSlowOnly', in_channels=1, base_channels=16, stage_blocks=(2, 2, 2),
                           conv1_stride=(1, 2)),
             cls_head=dict(in_channels=256))
train_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(-1, 36)),
    dict(type='RandomResizedCrop', area_range=(0.56, 1.0)),
    dict(type='Resize', scale=(size, size), keep_ratio=False),
    dict(type='KeypointFlip', flip_ratio=0.5),  # the layout's pairs; missing joints by score
    dict(type='GrayscaleRender', sigma=0.6),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(size, size), keep_ratio=False),
    dict(type='GrayscaleRender', sigma=0.6),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=10, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(size, size), keep_ratio=False),
    dict(type='GrayscaleRender', sigma=0.6, double=True),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=train_pipeline)))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
