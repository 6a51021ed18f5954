# mmaction1x: gcn/synthetic -> gcn/penn_action -> _base_/gcn -> host GCN
# The host's ST-GCN++ on the generated demo dataset (tools/data/generate_synthetic.py); a new 2D dataset changes
# the annotation file, the class count and the layout (README "A new dataset"), nothing else.
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
max_epochs = 4
train_cfg = dict(max_epochs=max_epochs, val_interval=1)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True,
                        convert_to_iter_based=True)]
work_dir = './work_dirs/mmaction1x/gcn/synthetic'
