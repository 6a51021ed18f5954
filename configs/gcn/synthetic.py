# gcn/synthetic -> gcn/penn_action -> _base_/gcn -> host GCN
# The host's graph network on the generated demo dataset (tools/data/generate_synthetic.py); a new 2D dataset
# changes the annotation file, the class count and the layout (README "A new dataset"), nothing else.
_base_ = ['./penn_action.py']
ann_file = 'data/synthetic/synthetic.pkl'
model = dict(cls_head=dict(num_classes=6))
data = dict(train=dict(ann_file=ann_file), val=dict(ann_file=ann_file), test=dict(ann_file=ann_file))
total_epochs = 4
checkpoint_config = dict(interval=1)
evaluation = dict(interval=1)
work_dir = './work_dirs/gcn/synthetic'
