# raw_kp/penn_action_short -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on the short-clip, small-training-set proxy of Penn Action (tools/data/short_clips.py): 15-40
# frames per clip, 420 training clips. Its 'val' split (the training ids the proxy leaves out) is for tuning;
# the test split is the full Penn Action test set, cropped the same way.
_base_ = ['./penn_action.py']
ann_file = 'data/penn_action/penn_action_short.pkl'
data = dict(train=dict(dataset=dict(ann_file=ann_file)),
            val=dict(ann_file=ann_file, split='val'), test=dict(ann_file=ann_file))
work_dir = './work_dirs/raw_kp/penn_action_short'
