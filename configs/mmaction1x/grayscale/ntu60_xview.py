# mmaction1x: grayscale/ntu60_xview -> grayscale/ntu60_xsub -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu60_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xview_train')))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = dict(dataset=dict(split='xview_val'))
work_dir = './work_dirs/mmaction1x/grayscale/ntu60_xview'
