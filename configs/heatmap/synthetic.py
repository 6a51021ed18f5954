# heatmap/synthetic -> heatmap/penn_action -> _base_/heatmap -> host PoseC3D
# PoseC3D on the generated demo dataset (tools/data/generate_synthetic.py): for smoke tests and benchmarks.
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
data = dict(train=dict(times=1, dataset=dict(ann_file=ann_file)),
            val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
work_dir = './work_dirs/heatmap/synthetic'
