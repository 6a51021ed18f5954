# heatmap/ntu60_xsub -> _base_/heatmap -> host PoseC3D
# PoseC3D on NTU60 X-Sub. pyskl's annotation file, path and split names on either host: one file for every NTU
# benchmark (MMAction2 0.x's own config reads per-split pickles in an older format).
_base_ = ['../_base_/heatmap.py']
ann_file = 'data/nturgbd/ntu60_hrnet.pkl'
data = dict(train=dict(dataset=dict(ann_file=ann_file, split='xsub_train')),
            val=dict(ann_file=ann_file, split='xsub_val'), test=dict(ann_file=ann_file, split='xsub_val'))
