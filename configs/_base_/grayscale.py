# _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render without a dataset: the heatmap baseline's data settings, evaluation and 3D-CNN family; the 17
# joint heatmaps become one grayscale image per frame ([clips, 1, T=32, 32, 32]), and the SlowOnly network is slimmed to
# match: a quarter of the widths, two blocks per stage, and a stride-2 stem that with the 32 frames makes it
# 6x cheaper (0.088 GMACs per clip) than at stride 1 on 48 frames, and it learns faster per second of
# training (Penn Action, configs/grayscale/README.md).
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
    dict(type='Collect', keys=['imgs', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['imgs', 'label'])
]
val_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(size, size), keep_ratio=False),
    dict(type='GrayscaleRender', sigma=0.6),
    dict(type='Collect', keys=['imgs', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['imgs'])
]
test_pipeline = [
    dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=10, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='KeypointCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(size, size), keep_ratio=False),
    dict(type='GrayscaleRender', sigma=0.6, double=True),
    dict(type='Collect', keys=['imgs', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['imgs'])
]
data = dict(
    train=dict(dataset=dict(pipeline=train_pipeline)),
    val=dict(pipeline=val_pipeline),
    test=dict(pipeline=test_pipeline))
