# mmaction1x: heatmap/ntu60_xview -> heatmap/ntu60_xsub -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu60_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xview_train')))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = dict(dataset=dict(split='xview_val'))
work_dir = './work_dirs/mmaction1x/heatmap/ntu60_xview'
