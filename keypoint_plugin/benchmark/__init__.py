"""The cost benchmark and schedule estimates behind ``tools/benchmark.py`` and ``tools/estimate_schedule.py``, one
module per job: :mod:`.configs` (the configs compared, pointed at the same data), :mod:`.data` (the samples),
:mod:`.timing` (the harness), :mod:`.measure` (the cost benchmark's figures), :mod:`.throughput` (the GPU section's),
:mod:`.report` (tables and plots) and :mod:`.schedule` (a schedule's length and one epoch timed)."""
from .configs import align_config, config_name, data_settings, stgcn_config
from .data import select_samples, sized_annotations, two_person
from .measure import measure_config, pipeline_same_size, train_batch_size
from .report import add_ratios, cost_report, plot_accuracy, profile_report, read_accuracy, throughput_report
from .schedule import schedule_length, time_epoch
from .throughput import measure_throughput
from .timing import device_name, timed_repeats

__all__ = ['align_config', 'config_name', 'data_settings', 'stgcn_config', 'select_samples', 'sized_annotations',
           'two_person', 'measure_config', 'pipeline_same_size', 'train_batch_size', 'add_ratios', 'cost_report',
           'plot_accuracy', 'profile_report', 'read_accuracy', 'throughput_report', 'schedule_length', 'time_epoch',
           'measure_throughput', 'device_name', 'timed_repeats']
