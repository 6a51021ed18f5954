# mmaction1x: raw_kp/ntu60_xsub -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
_base_ = ['../_base_/raw_kp.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/raw_kp/ntu60_xsub'
