# mmaction1x: grayscale/synthetic -> grayscale/penn_action -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render on the generated demo dataset (tools/data/generate_synthetic.py).
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
train_dataloader = dict(dataset=dict(min_samples=0, dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
max_epochs = 2
train_cfg = dict(max_epochs=max_epochs, val_interval=1)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=40),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True, convert_to_iter_based=True)]
work_dir = './work_dirs/mmaction1x/grayscale/synthetic'
