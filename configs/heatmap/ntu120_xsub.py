# heatmap/ntu120_xsub -> _base_/heatmap -> host PoseC3D
# pyskl's NTU120 configs equal its NTU60 ones but for the annotation file, splits and class count.
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/nturgbd/ntu120_hrnet.pkl'
model = dict(cls_head=dict(num_classes=120))
data = dict(train=dict(dataset=dict(ann_file=ann_file, split='xsub_train')),
            val=dict(ann_file=ann_file, split='xsub_val'), test=dict(ann_file=ann_file, split='xsub_val'))
