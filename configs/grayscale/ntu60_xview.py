# grayscale/ntu60_xview -> grayscale/ntu60_xsub -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
_base_ = ['./ntu60_xsub.py']
data = dict(train=dict(dataset=dict(split='xview_train')), val=dict(split='xview_val'), test=dict(split='xview_val'))
work_dir = './work_dirs/grayscale/ntu60_xview'
