# mmaction1x: gcn/penn_action_bone -> gcn/penn_action -> gcn/ntu60_xsub -> host GCN
# The bone stream of penn_action.py: LayoutJointToBone (each joint minus its parent in the config's layout, as the
# host's GenSkeFeat(feats=['b']) for the skeletons it names) after PoseDecode; for late fusion with
# tools/fuse_scores.py.
_base_ = ['./penn_action.py']
train_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len={{_base_.clip_len}}),
    dict(type='PoseDecode'),
    dict(type='LayoutJointToBone'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len={{_base_.clip_len}}, num_clips=1, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='LayoutJointToBone'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len={{_base_.clip_len}}, num_clips=10, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='LayoutJointToBone'),
    dict(type='FormatGCNInput', num_person=2),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=train_pipeline)))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
work_dir = './work_dirs/mmaction1x/gcn/penn_action_bone'
