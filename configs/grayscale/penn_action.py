# grayscale/penn_action -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render on Penn Action; sized for a 2-core CPU.
_base_ = ['../_base_/grayscale.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
data = dict(videos_per_gpu=32, workers_per_gpu=1,
            train=dict(type='ScaledRepeatDataset', times=1, min_samples=6000,  # >= 6000 clips per epoch
                       dataset=dict(ann_file=ann_file, split='train')),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
optimizer = dict(lr=0.1)
auto_scale_lr = dict(base_batch_size=32)  # the lr above is for one process x 32 clips
lr_config = dict(warmup='linear', warmup_iters=40, warmup_ratio=0.1)
total_epochs = 20
checkpoint_config = dict(interval=1)
# No save_best: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
evaluation = dict(_delete_=True, interval=5, metrics=['top1', 'mean_class_accuracy', 'f1_macro'])
workflow = [('train', 1)]
work_dir = './work_dirs/grayscale/penn_action'
