"""The cost benchmark and schedule estimates behind ``tools/benchmark.py`` and ``tools/estimate_schedule.py``, one
module per job: :mod:`.configs` (the configs compared, pointed at the same data), :mod:`.data` (the samples),
:mod:`.timing` (the harness), :mod:`.measure` (the cost benchmark's figures), :mod:`.throughput` (the GPU section's),
:mod:`.report` (tables and plots), :mod:`.schedule` (a schedule's length and one epoch timed), :mod:`.loading`
(a large annotation file's load) and :mod:`.streams` (many streaming recognizers at once)."""
from .configs import align_config, config_name, data_settings, stgcn_config
from .data import select_samples, sized_annotations, two_person
from .loading import time_large_file
from .measure import measure_config, pipeline_same_size, time_pipeline_steps, train_batch_size
from .report import add_ratios, cost_report, plot_accuracy, profile_report, read_accuracy, throughput_report
from .schedule import schedule_length, time_epoch
from .streams import measure_streams, resident_mb
from .throughput import measure_throughput
from .timing import device_name, timed_repeats

__all__ = ['align_config', 'config_name', 'data_settings', 'stgcn_config', 'select_samples', 'sized_annotations',
           'two_person', 'time_large_file', 'measure_config', 'pipeline_same_size', 'time_pipeline_steps',
           'train_batch_size', 'add_ratios', 'cost_report',
           'plot_accuracy', 'profile_report', 'read_accuracy', 'throughput_report', 'schedule_length', 'time_epoch',
           'measure_throughput', 'device_name', 'timed_repeats', 'measure_streams', 'resident_mb']
