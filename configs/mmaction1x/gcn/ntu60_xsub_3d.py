# mmaction1x: gcn/ntu60_xsub_3d -> _base_/gcn_3d -> host GCN
# The host's ST-GCN++ on MMAction2 1.x, NTU60 X-Sub 3D joint stream, on pyskl's 3D annotation file (Kinect's 25
# joints in metres, no scores); the host's schedule.
_base_ = ['../_base_/gcn_3d.py']
ann_file = 'data/nturgbd/ntu60_3danno.pkl'
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/gcn/ntu60_xsub_3d'
