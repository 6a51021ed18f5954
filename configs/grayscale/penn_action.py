# Grayscale render on Penn Action; sized for a 2-core CPU.
_base_ = ['./ntu60_xsub.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
# 5 clips x 2 flips = 10 views per test sample (the NTU configs: 10 x 2), to keep CPU testing short.
test_pipeline = [
    dict(type='UniformSampleFrames', clip_len=48, num_clips=5, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='PoseCompact', hw_ratio=1., allow_imgpad=True),
    dict(type='Resize', scale=(32, 32), keep_ratio=False),
    dict(type='GrayscaleRender', sigma=0.6, double=True),
    dict(type='Collect', keys=['imgs', 'label'], meta_keys=[]),
    dict(type='ToTensor', keys=['imgs'])
]
data = dict(videos_per_gpu=16, workers_per_gpu=1,
            train=dict(times=1, dataset=dict(ann_file=ann_file, split='train')),
            val=dict(ann_file=ann_file, split='test'),
            test=dict(ann_file=ann_file, split='test', pipeline=test_pipeline))
optimizer = dict(lr=0.05)  # one process, batch 16
total_epochs = 4
checkpoint_config = dict(interval=1)
evaluation = dict(interval=1, metrics=['top1', 'mean_class_accuracy', 'f1_macro'], save_best='top1')
workflow = [('train', 1)]
work_dir = './work_dirs/grayscale/penn_action'
