# grayscale/nw_ucla_2d -> grayscale/penn_action -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render of Northwestern-UCLA cross-view, the Kinect joints projected to 640 x 480 pixels
# (tools/data/nw_ucla.py --dims 2): the new-dataset recipe on the 2D dataset config, annotation file, class count
# and layout only.
_base_ = ['./penn_action.py']
layout = dict(name='kinect_v1')
ann_file = 'data/nw_ucla/nw_ucla_2d.pkl'
model = dict(cls_head=dict(num_classes=10))
data = dict(train=dict(dataset=dict(ann_file=ann_file)), val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
work_dir = './work_dirs/grayscale/nw_ucla_2d'
