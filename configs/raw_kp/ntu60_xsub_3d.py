# raw_kp/ntu60_xsub_3d -> _base_/raw_kp_3d -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw 3D skeletons on NTU60 X-Sub (pyskl's ntu60_3danno.pkl: Kinect's 25 joints in metres, no scores).
_base_ = ['../_base_/raw_kp_3d.py']
ann_file = 'data/nturgbd/ntu60_3danno.pkl'
data = dict(train=dict(dataset=dict(ann_file=ann_file, split='xsub_train')),
            val=dict(ann_file=ann_file, split='xsub_val'), test=dict(ann_file=ann_file, split='xsub_val'))
work_dir = './work_dirs/raw_kp/ntu60_xsub_3d'
