# mmaction1x: gcn/penn_action -> _base_/gcn -> host GCN
# The host's ST-GCN++ on Penn Action (one person, COCO-17 from tools/data/penn_action.py), sized for a CPU, as
# configs/gcn/penn_action.py: the base's model and pipeline steps with clips of 48 frames (our variants' clip
# length; the host samples 100), Penn Action's 15 classes and split, 16 clips a batch, cosine over 3 epochs.
_base_ = ['../_base_/gcn.py']
# After _base_: mmengine takes a config that starts with an import for its other, lazy-import format.
from keypoint_plugin.config_utils import clip_pipelines  # noqa: E402

ann_file = 'data/penn_action/penn_action.pkl'
clip_len = 48
model = dict(cls_head=dict(num_classes=15))
train_pipeline, val_pipeline, test_pipeline = clip_pipelines('{{ fileDirname }}/../_base_/gcn.py', clip_len)
train_dataloader = dict(batch_size=16, num_workers=1, dataset=dict(
    times=1, dataset=dict(ann_file=ann_file, split='train', pipeline=train_pipeline)))
val_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test', pipeline=val_pipeline))
test_dataloader = dict(num_workers=1, dataset=dict(ann_file=ann_file, split='test', pipeline=test_pipeline))
max_epochs = 3
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True,
                        convert_to_iter_based=True)]
# No best checkpoint: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
default_hooks = dict(checkpoint=dict(interval=1, save_best=None))
work_dir = './work_dirs/mmaction1x/gcn/penn_action'
