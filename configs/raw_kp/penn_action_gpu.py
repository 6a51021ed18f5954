# raw_kp/penn_action_gpu -> raw_kp/penn_action -> _base_/raw_kp -> _base_/heatmap -> host PoseC3D
# Raw keypoints on Penn Action, one GPU: penn_action.py with its flip, normalization, augmentation and packing
# batched on the GPU (device_pipeline: the loader only samples, decodes and pads), 256 clips per step with the
# learning rate scaled linearly from the base's 32 (0.1 -> 0.8), and loader workers kept alive with more batches
# in flight. On several GPUs, or for another batch, change data.videos_per_gpu: the lr follows the total batch.
_base_ = ['./penn_action.py']
device_pipeline = True
auto_scale_lr = dict(enable=True)  # base_batch_size=32 from penn_action.py
data = dict(videos_per_gpu=256, workers_per_gpu=8, persistent_workers=True, train_dataloader=dict(prefetch_factor=4))
work_dir = './work_dirs/raw_kp/penn_action_gpu'
