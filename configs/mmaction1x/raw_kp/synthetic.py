# mmaction1x: raw_kp/synthetic -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on the generated demo dataset (tools/data/generate_synthetic.py).
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
train_dataloader = dict(dataset=dict(times=2, min_samples=0, dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
max_epochs = 4
train_cfg = dict(max_epochs=max_epochs, val_interval=1)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=20),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True, convert_to_iter_based=True)]
work_dir = './work_dirs/mmaction1x/raw_kp/synthetic'
