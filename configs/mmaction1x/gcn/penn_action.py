# mmaction1x: gcn/penn_action -> gcn/ntu60_xsub -> host GCN
# The host's ST-GCN++ on Penn Action (one person, COCO-17 from tools/data/penn_action.py), sized for a CPU, as
# configs/gcn/penn_action.py: ntu60_xsub.py's model and pipeline steps with clips of 48 frames (our variants'
# clip length; the host samples 100), Penn Action's 15 classes and split, 16 clips a batch, cosine over 3 epochs.
_base_ = ['./ntu60_xsub.py']
ann_file = 'data/penn_action/penn_action.pkl'
clip_len = 48
model = dict(cls_head=dict(num_classes=15))
train_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=10, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
train_dataloader = dict(batch_size=16, num_workers=1, dataset=dict(
    times=1, dataset=dict(ann_file=ann_file, split='train', pipeline=train_pipeline)))
val_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test', pipeline=val_pipeline))
test_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test', pipeline=test_pipeline))
max_epochs = 3
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True,
                        convert_to_iter_based=True)]
# No best checkpoint: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
default_hooks = dict(checkpoint=dict(interval=1, save_best=None))
work_dir = './work_dirs/mmaction1x/gcn/penn_action'
