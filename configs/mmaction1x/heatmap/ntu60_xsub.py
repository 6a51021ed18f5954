# mmaction1x: heatmap/ntu60_xsub -> _base_/heatmap -> host PoseC3D
# PoseC3D on NTU60 X-Sub with pyskl's annotation file (one file for every NTU benchmark, the path the mmcv 1.x
# configs read); the splits are the host config's.
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/heatmap/ntu60_xsub'
