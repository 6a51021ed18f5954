# gcn/synthetic_3d -> _base_/gcn_3d -> host GCN
# The host's graph network on the generated demo dataset in 3D (tools/data/generate_synthetic.py --layout
# nturgb+d --dim 3 --num-classes 8): the 3D base with penn_action.py's short one-process schedule (host clips).
_base_ = ['../_base_/gcn_3d.py']
ann_file = 'data/synthetic/synthetic_3d.pkl'
model = dict(cls_head=dict(num_classes=8))
data = dict(videos_per_gpu=32, workers_per_gpu=1,
            train=dict(ann_file=ann_file, split='train'),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
lr_config = dict(_delete_=True, policy='CosineAnnealing', min_lr=0, by_epoch=False)
total_epochs = 4
checkpoint_config = dict(interval=1)
evaluation = dict(interval=1)
work_dir = './work_dirs/gcn/synthetic_3d'
