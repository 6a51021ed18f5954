# raw_kp/ntu120_xset -> raw_kp/ntu120_xsub -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu120_xsub.py']
data = dict(train=dict(dataset=dict(split='xset_train')), val=dict(split='xset_val'), test=dict(split='xset_val'))
work_dir = './work_dirs/raw_kp/ntu120_xset'
