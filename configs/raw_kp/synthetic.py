# raw_kp/synthetic -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on the generated demo dataset (tools/data/generate_synthetic.py): the README's main job.
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
data = dict(train=dict(times=2, min_samples=0, dataset=dict(ann_file=ann_file)),
            val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
total_epochs = 4
evaluation = dict(interval=1)
work_dir = './work_dirs/raw_kp/synthetic'
