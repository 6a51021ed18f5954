# gcn/ntu60_xsub -> _base_/gcn -> host GCN
# The host's own graph network on NTU60 X-Sub 2D (joint stream), on pyskl's annotation file and split names on
# either host (as the heatmap configs); the host's schedule.
_base_ = ['../_base_/gcn.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
data = dict(train=dict(ann_file=ann_file, split='xsub_train'), val=dict(ann_file=ann_file, split='xsub_val'),
            test=dict(ann_file=ann_file, split='xsub_val'))
work_dir = './work_dirs/gcn/ntu60_xsub'
