# heatmap/ntu120_xset -> heatmap/ntu120_xsub -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu120_xsub.py']
data = dict(train=dict(dataset=dict(split='xset_train')), val=dict(split='xset_val'), test=dict(split='xset_val'))
