# mmaction1x: heatmap/ntu120_xsub -> _base_/heatmap -> host PoseC3D
# MMAction2 1.x ships no NTU120 PoseC3D config: NTU60's with pyskl's NTU120 annotation file and 120 classes.
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/nturgbd/ntu120_hrnet.pkl'
model = dict(cls_head=dict(num_classes=120))
train_dataloader = dict(dataset=dict(dataset=dict(ann_file=ann_file)))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = dict(dataset=dict(ann_file=ann_file))
work_dir = './work_dirs/mmaction1x/heatmap/ntu120_xsub'
