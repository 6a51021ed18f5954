# mmaction1x: raw_kp/penn_action_gpu -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on Penn Action, one GPU (MMAction2 1.x): penn_action.py with its flip, normalization, augmentation
# and packing batched on the GPU (device_pipeline: the loader only samples, decodes and pads; the model's data
# preprocessor packs), 256 clips per step with the learning rate scaled linearly from the base's 32 (mmengine's
# auto_scale_lr: 0.1 -> 0.8), and loader workers kept alive with more batches in flight; as the mmcv 1.x config
# configs/raw_kp/penn_action_gpu.py. On several GPUs, or for another batch, change train_dataloader.batch_size.
_base_ = ['./penn_action.py']
device_pipeline = True
auto_scale_lr = dict(enable=True, base_batch_size=32)  # penn_action.py's lr is for one process x 32 clips
train_dataloader = dict(batch_size=256, num_workers=8, persistent_workers=True, prefetch_factor=4)
work_dir = './work_dirs/mmaction1x/raw_kp/penn_action_gpu'
