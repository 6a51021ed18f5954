# mmaction1x: gcn/ntu60_xsub -> _base_/gcn -> host GCN
# The host's own graph network on MMAction2 1.x, NTU60 X-Sub 2D joint stream, on pyskl's annotation file (as the
# heatmap configs); the host's schedule.
_base_ = ['../_base_/gcn.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/gcn/ntu60_xsub'
