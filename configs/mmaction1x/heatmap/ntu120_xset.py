_base_ = ['./ntu120_xsub.py']
train_dataloader = dict(dataset=dict(dataset=dict(split='xset_train')))
val_dataloader = dict(dataset=dict(split='xset_val'))
test_dataloader = dict(dataset=dict(split='xset_val'))
work_dir = './work_dirs/mmaction1x/heatmap/ntu120_xset'
