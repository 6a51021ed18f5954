# gcn/nw_ucla -> gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The host's graph network on Northwestern-UCLA cross-view (train views 1 and 2, test view 3; tools/data/nw_ucla.py):
# the new-dataset recipe on the 3D base, annotation file, class count and layout only.
_base_ = ['./synthetic_3d.py']
layout = dict(name='kinect_v1')
ann_file = 'data/nw_ucla/nw_ucla_3d.pkl'
model = dict(cls_head=dict(num_classes=10))
data = dict(train=dict(ann_file=ann_file), val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
work_dir = './work_dirs/gcn/nw_ucla'
