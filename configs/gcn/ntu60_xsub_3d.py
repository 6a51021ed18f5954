# gcn/ntu60_xsub_3d -> _base_/gcn_3d -> host GCN
# The host's own graph network on NTU60 X-Sub 3D skeletons (joint stream), on pyskl's 3D annotation file and split
# names on either host; the host's schedule.
_base_ = ['../_base_/gcn_3d.py']
ann_file = 'data/nturgbd/ntu60_3danno.pkl'
data = dict(train=dict(ann_file=ann_file, split='xsub_train'), val=dict(ann_file=ann_file, split='xsub_val'),
            test=dict(ann_file=ann_file, split='xsub_val'))
work_dir = './work_dirs/gcn/ntu60_xsub_3d'
