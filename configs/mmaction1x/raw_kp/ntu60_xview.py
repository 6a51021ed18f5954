_base_ = ['./ntu60_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xview_train')))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = dict(dataset=dict(split='xview_val'))
work_dir = './work_dirs/mmaction1x/raw_kp/ntu60_xview'
