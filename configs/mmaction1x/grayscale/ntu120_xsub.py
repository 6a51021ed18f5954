# mmaction1x: grayscale/ntu120_xsub -> _base_/grayscale -> _base_/heatmap -> host PoseC3D
_base_ = ['../_base_/grayscale.py']
ann_file = 'data/nturgbd/ntu120_hrnet.pkl'
model = dict(cls_head=dict(num_classes=120))
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/grayscale/ntu120_xsub'
