# mmaction1x: grayscale/penn_action -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render on Penn Action; the mmcv 1.x config configs/grayscale/penn_action.py's schedule; sized for a
# 2-core CPU.
_base_ = ['../_base_/grayscale.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
train_dataloader = dict(
    batch_size=32, num_workers=1,
    dataset=dict(type='ScaledRepeatDataset', times=1, min_samples=6000,  # >= 6000 clips per epoch
                 dataset=dict(ann_file=ann_file, split='train')))
val_dataloader = dict(batch_size=32, num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
test_dataloader = dict(batch_size=16, num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
optim_wrapper = dict(optimizer=dict(lr=0.1))  # one process, batch 32
max_epochs = 20
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=40),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True, convert_to_iter_based=True)]
# No best checkpoint: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
default_hooks = dict(checkpoint=dict(save_best=None))
work_dir = './work_dirs/mmaction1x/grayscale/penn_action'
