# mmaction1x: heatmap/ntu120_xset -> heatmap/ntu120_xsub -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu120_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xset_train')))
val_dataloader = dict(dataset=dict(split='xset_val'))
test_dataloader = dict(dataset=dict(split='xset_val'))
work_dir = './work_dirs/mmaction1x/heatmap/ntu120_xset'
