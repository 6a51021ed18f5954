# raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on Penn Action (one person, COCO-17 from tools/data/penn_action.py); sized for a 2-core CPU.
_base_ = ['../_base_/raw_kp.py']
ann_file = 'data/penn_action/penn_action.pkl'
# Regularization for training sets of hundreds of clips, tuned on the short-clip proxy's held-out training ids.
model = dict(backbone=dict(dropout=0.4),
             cls_head=dict(num_classes=15, loss_cls=dict(type='LabelSmoothingCrossEntropyLoss', label_smoothing=0.1)))
data = dict(videos_per_gpu=32, workers_per_gpu=1,
            train=dict(type='ScaledRepeatDataset', times=1, min_samples=6000,  # >= 6000 clips per epoch
                       dataset=dict(ann_file=ann_file, split='train')),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
optimizer = dict(lr=0.1, weight_decay=0.001)
auto_scale_lr = dict(base_batch_size=32)  # the lr above is for one process x 32 clips
lr_config = dict(warmup_iters=20)
total_epochs = 12
# No save_best: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
evaluation = dict(_delete_=True, interval=4, metrics=['top1', 'mean_class_accuracy', 'f1_macro'])
work_dir = './work_dirs/raw_kp/penn_action'
