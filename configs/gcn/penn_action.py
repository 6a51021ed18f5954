# gcn/penn_action -> _base_/gcn -> host GCN
# The host's graph network on Penn Action (one person, COCO-17 from tools/data/penn_action.py), sized for a CPU:
# the base's model and pipeline steps, Penn Action's 15 classes and train/test split, clips of 48 frames (our
# variants' clip length; the host samples 300 or 100) taken by the host's UniformSampleFrames, and a short
# schedule: 16 clips a batch, cosine from the host's lr 0.1 over 3 epochs.
from keypoint_plugin.config_utils import clip_data

_base_ = ['../_base_/gcn.py']
ann_file = 'data/penn_action/penn_action.pkl'
model = dict(cls_head=dict(num_classes=15))
data = dict(clip_data('{{ fileDirname }}/../_base_/gcn.py', clip_len=48,
                      train=dict(ann_file=ann_file, split='train'), val=dict(ann_file=ann_file, split='test'),
                      test=dict(ann_file=ann_file, split='test')),
            videos_per_gpu=16, workers_per_gpu=1)
lr_config = dict(_delete_=True, policy='CosineAnnealing', min_lr=0, by_epoch=False)
total_epochs = 3
checkpoint_config = dict(interval=1)
# No save_best: Penn Action's val is its test split, and picking a checkpoint there would tune on test data.
evaluation = dict(interval=3)
work_dir = './work_dirs/gcn/penn_action'
