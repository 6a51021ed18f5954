# mmaction1x: gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The host's ST-GCN++ on the generated demo dataset in 3D (tools/data/generate_synthetic.py --layout nturgb+d
# --dim 3 --num-classes 8): the 3D base with penn_action.py's short one-process schedule (host clips).
_base_ = ['../_base_/gcn_3d.py']
ann_file = 'data/synthetic/synthetic_3d.pkl'
model = dict(cls_head=dict(num_classes=8))
train_dataloader = dict(batch_size=16, num_workers=1, dataset=dict(
    times=1, dataset=dict(ann_file=ann_file, split='train')))
val_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
test_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test'))
max_epochs = 4
train_cfg = dict(max_epochs=max_epochs, val_interval=1)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True,
                        convert_to_iter_based=True)]
default_hooks = dict(checkpoint=dict(interval=1))
work_dir = './work_dirs/mmaction1x/gcn/synthetic_3d'
