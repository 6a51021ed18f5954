# mmaction1x: grayscale/ntu120_xset -> grayscale/ntu120_xsub -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu120_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xset_train')))
val_dataloader = dict(dataset=dict(split='xset_val'))
test_dataloader = dict(dataset=dict(split='xset_val'))
work_dir = './work_dirs/mmaction1x/grayscale/ntu120_xset'
