# raw_kp/ntu60_xview -> raw_kp/ntu60_xsub -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu60_xsub.py']
data = dict(train=dict(dataset=dict(split='xview_train')), val=dict(split='xview_val'), test=dict(split='xview_val'))
work_dir = './work_dirs/raw_kp/ntu60_xview'
