# mmaction1x: raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on Penn Action (one person, COCO-17 from tools/data/penn_action.py); the mmcv 1.x config
# configs/raw_kp/penn_action.py's schedule and regularization; sized for a 2-core CPU.
_base_ = ['../_base_/raw_kp.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(backbone=dict(dropout=0.4),
             cls_head=dict(num_classes=15, loss_cls=dict(type='LabelSmoothingCrossEntropyLoss', label_smoothing=0.1)))
train_dataloader = dict(
    num_workers=1,
    dataset=dict(type='ScaledRepeatDataset', times=1, min_samples=6000,  # >= 6000 clips per epoch
                 dataset=dict(ann_file=ann_file, split='train')))
val_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
test_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
optim_wrapper = dict(optimizer=dict(lr=0.1, weight_decay=0.001))  # one process, batch 32
warmup_iters = 20
max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=4)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=warmup_iters),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True, convert_to_iter_based=True)]
# No best checkpoint: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
default_hooks = dict(checkpoint=dict(save_best=None))
work_dir = './work_dirs/mmaction1x/raw_kp/penn_action'
