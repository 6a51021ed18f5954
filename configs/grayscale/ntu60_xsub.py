# grayscale/ntu60_xsub -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
_base_ = ['../_base_/grayscale.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
data = dict(train=dict(dataset=dict(ann_file=ann_file, split='xsub_train')),
            val=dict(ann_file=ann_file, split='xsub_val'), test=dict(ann_file=ann_file, split='xsub_val'))
work_dir = './work_dirs/grayscale/ntu60_xsub'
