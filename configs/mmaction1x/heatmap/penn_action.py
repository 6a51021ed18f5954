# mmaction1x: heatmap/penn_action -> _base_/heatmap -> host PoseC3D
# PoseC3D on Penn Action (15 classes, 1 person, COCO-17 from tools/data/penn_action.py): the schedule of the
# mmcv 1.x config configs/heatmap/penn_action.py (one process, batch 16, 12 epochs of 4 repeats).
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
train_dataloader = dict(batch_size=16, dataset=dict(times=4, dataset=dict(ann_file=ann_file, split='train')))
val_dataloader = dict(dataset=dict(ann_file=ann_file, split='test'))
test_dataloader = dict(dataset=dict(ann_file=ann_file, split='test'))
optim_wrapper = dict(optimizer=dict(lr=0.1))  # one process, batch 16
train_cfg = dict(max_epochs=12)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=12, by_epoch=True, convert_to_iter_based=True)]
# No best checkpoint: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
default_hooks = dict(checkpoint=dict(save_best=None))
work_dir = './work_dirs/mmaction1x/heatmap/penn_action'
