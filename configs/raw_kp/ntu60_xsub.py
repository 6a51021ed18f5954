# raw_kp/ntu60_xsub -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
_base_ = ['../_base_/raw_kp.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
data = dict(train=dict(dataset=dict(ann_file=ann_file, split='xsub_train')),
            val=dict(ann_file=ann_file, split='xsub_val'), test=dict(ann_file=ann_file, split='xsub_val'))
work_dir = './work_dirs/raw_kp/ntu60_xsub'
