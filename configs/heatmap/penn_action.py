# heatmap/penn_action -> _base_/heatmap -> host PoseC3D
# PoseC3D on Penn Action (15 classes, 1 person, COCO-17 from tools/data/penn_action.py).
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
data = dict(videos_per_gpu=16,
            train=dict(times=4, dataset=dict(ann_file=ann_file, split='train')),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
optimizer = dict(lr=0.1)  # one GPU, batch 16
total_epochs = 12
checkpoint_config = dict(interval=1)
# No save_best: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
evaluation = dict(_delete_=True, interval=1, metrics=['top1', 'mean_class_accuracy', 'f1_macro'])
workflow = [('train', 1)]
work_dir = './work_dirs/heatmap/penn_action'
