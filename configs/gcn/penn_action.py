# The host's graph network on Penn Action (one person, COCO-17 from tools/data/penn_action.py), sized for a CPU:
# ntu60_xsub.py's model and pipelines, Penn Action's 15 classes and train/test split, and a short schedule of 16
# epochs (cosine from the host's lr 0.1, 32 clips a batch) in place of the host's 80 NTU epochs.
_base_ = ['./ntu60_xsub.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
data = dict(videos_per_gpu=32, workers_per_gpu=1,
            train=dict(ann_file=ann_file, split='train'),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
lr_config = dict(_delete_=True, policy='CosineAnnealing', min_lr=0, by_epoch=False)
total_epochs = 16
checkpoint_config = dict(interval=4)
# No save_best: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
evaluation = dict(interval=4)
work_dir = './work_dirs/gcn/penn_action'
