# grayscale/synthetic -> grayscale/penn_action -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
# Grayscale render on the generated demo dataset: for smoke tests and benchmarks.
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
data = dict(train=dict(times=1, min_samples=0, dataset=dict(ann_file=ann_file)),
            val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
total_epochs = 2
evaluation = dict(interval=1)
work_dir = './work_dirs/grayscale/synthetic'
