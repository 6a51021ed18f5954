# raw_kp/synthetic_3d -> _base_/raw_kp_3d -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw 3D keypoints on the generated demo dataset in 3D (tools/data/generate_synthetic.py --layout nturgb+d
# --dim 3 --num-classes 8): 480 training clips, so the one-process schedule of penn_action.py.
_base_ = ['../_base_/raw_kp_3d.py']
ann_file = 'data/synthetic/synthetic_3d.pkl'
model = dict(cls_head=dict(num_classes=8))
data = dict(videos_per_gpu=32, workers_per_gpu=1,
            train=dict(type='ScaledRepeatDataset', times=1, min_samples=6000,  # >= 6000 clips per epoch
                       dataset=dict(ann_file=ann_file, split='train')),
            val=dict(ann_file=ann_file, split='test'), test=dict(ann_file=ann_file, split='test'))
optimizer = dict(lr=0.1)
auto_scale_lr = dict(base_batch_size=32)  # the lr above is for one process x 32 clips
lr_config = dict(warmup_iters=20)
total_epochs = 12
evaluation = dict(_delete_=True, interval=4, metrics=['top1', 'mean_class_accuracy', 'f1_macro'])
work_dir = './work_dirs/raw_kp/synthetic_3d'
