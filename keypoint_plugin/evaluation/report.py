"""Score files in and evaluation reports out: JSON, markdown, confusion-matrix PNG, side-by-side comparison.

Score files are what tools/test.py writes: on the mmcv 1.x hosts ``--out``, a pickle (the host's dump) of one 1D
score vector per test sample; on MMAction2 1.x ``--dump``, a pickle of one prediction dict per test sample (its
``pred_score``, as mmengine's ``DumpResults`` writes them). Both read the same.
Per scored model ``<name>``, :func:`write_reports` writes ``<name>.json``, ``<name>.md`` and
``<name>_confusion.png``, and ``comparison.md`` when there are several models. Every file is written whole or not
at all (:mod:`keypoint_plugin.fileio`; score files through the host's file backend, which the plugin makes atomic).
"""
import json
import os
import os.path as osp

import numpy as np

from ..fileio import atomic_open, atomic_path
from ..host import dump
from ..safe_load import load_data_file
from .metrics import SCALAR_METRICS, classification_metrics, most_confused_pairs, to_score_array

# Per-cell numbers stop being readable beyond this many classes.
MAX_CLASSES_ANNOTATED = 20


def load_scores(path):
    """Read a tools/test.py score file: ``--out`` (mmcv 1.x hosts) or ``--dump`` (MMAction2 1.x).

    Args:
        path (str): Pickle (or JSON), read safely (:func:`~keypoint_plugin.safe_load.load_data_file`), holding a
            list of per-sample 1D score arrays, or of prediction dicts with a ``pred_score`` (tensor or array).

    Returns:
        np.ndarray: Scores [N, K], float64.
    """
    scores = load_data_file(path)
    if not isinstance(scores, (list, tuple, np.ndarray)):
        raise ValueError(f'{path}: expected a list of per-sample score arrays, got {type(scores).__name__}')
    if len(scores) and isinstance(scores[0], dict):
        missing = next((i for i, sample in enumerate(scores) if 'pred_score' not in sample), None)
        if missing is not None:
            raise ValueError(f'{path}: sample {missing} is a dict without pred_score (keys: '
                             f'{sorted(scores[missing])}); expected MMAction2 1.x test.py --dump predictions')
        scores = [np.asarray(sample['pred_score'], dtype=np.float64) for sample in scores]
    return to_score_array(scores, name=path)


def dump_scores(scores, path):
    """Write scores in the tools/test.py --out format (a list of float32 1D arrays).

    Args:
        scores (np.ndarray): Scores [N, K].
        path (str): Output file; mmcv picks the format from the suffix (.pkl).
    """
    dump(list(np.asarray(scores, dtype=np.float32)), path)


def score_names(paths):
    """Names for score files, the names their reports get: the file stem, or where stems repeat (e.g.
    ``joint/scores.pkl`` and ``bone/scores.pkl``) as many parent folders as tell them apart (``joint_scores``).

    Args:
        paths (Sequence[str]): Score files, each given once.

    Returns:
        list[str]: One name per path.
    """
    parts = [osp.splitext(osp.abspath(path))[0].split(osp.sep) for path in paths]
    if len({tuple(p) for p in parts}) != len(parts):
        raise ValueError(f'a score file is given twice: {list(paths)}')
    depth = 1
    while len({tuple(p[-depth:]) for p in parts}) != len(parts):
        depth += 1
    return ['_'.join(p[-depth:]) for p in parts]


def load_named_scores(paths):
    """Read score files keyed by :func:`score_names`.

    Args:
        paths (Sequence[str]): Score files.

    Returns:
        dict[str, np.ndarray]: Scores [N, K] per name, in the order given.
    """
    return {name: load_scores(path) for name, path in zip(score_names(paths), paths)}


def read_label_map(path):
    """Read class names from a pyskl label map: one name per line, in label order.

    Args:
        path (str): Text file.

    Returns:
        list[str]: The names.
    """
    with open(path, encoding='utf-8') as f:
        names = [line.strip() for line in f.read().splitlines()]
    while names and not names[-1]:
        names.pop()
    if not names or '' in names:
        where = f'line {names.index("") + 1} is empty' if names else 'it is empty'
        raise ValueError(f'label map {path}: expected one class name per line, but {where}')
    return names


def _percent(value):
    return '—' if value is None else f'{100 * value:.2f}'


def markdown_table(header, rows, align=None):
    """A markdown table.

    Args:
        header (Sequence[str]): Column titles.
        rows (Iterable[Sequence[str]]): Cells, one sequence per row.
        align (str | None): One letter per column, ``'l'`` (left) or ``'r'`` (right, for numbers). Default: None
            (all left).

    Returns:
        str: The table's lines.
    """
    rules = dict(l='---', r='---:')
    lines = ['| ' + ' | '.join(header) + ' |', '|' + '|'.join(rules[a] for a in align or 'l' * len(header)) + '|']
    return '\n'.join(lines + ['| ' + ' | '.join(row) + ' |' for row in rows])


def summary_table(named_metrics):
    """Markdown table of the scalar metrics (in %), one column per model.

    Args:
        named_metrics (dict[str, dict]): :func:`classification_metrics` results by model name.

    Returns:
        str: The table.
    """
    rows = [[key] + [_percent(metrics.get(key)) for metrics in named_metrics.values()] for key in SCALAR_METRICS
            if any(key in metrics for metrics in named_metrics.values())]
    return markdown_table(['metric (%)'] + list(named_metrics), rows, 'l' + 'r' * len(named_metrics))


def per_class_table(metrics):
    """Markdown table of per-class precision, recall, F1 (in %) and support.

    Args:
        metrics (dict): A :func:`classification_metrics` result.

    Returns:
        str: The table; classes absent from the test set show '—'.
    """
    rows = [[str(row['index']), row['name'], _percent(row['precision']), _percent(row['recall']), _percent(row['f1']),
             str(row['support'])] for row in metrics['per_class']]
    return markdown_table(['#', 'class', 'precision (%)', 'recall (%)', 'F1 (%)', 'support'], rows, 'rlrrrr')


def confusion_table(metrics):
    """Plain-text confusion matrix of counts (rows = truth, columns = prediction, by class index).

    Args:
        metrics (dict): A :func:`classification_metrics` result.

    Returns:
        str: The matrix with a class index header and ``index name`` row labels.
    """
    counts = np.asarray(metrics['confusion_matrix'])
    width = max(len(str(counts.max())), len(str(len(counts) - 1)))
    label_width = max(len(f'{i} {name}') for i, name in enumerate(metrics['class_names']))
    header = ' ' * label_width + ' | ' + ' '.join(f'{i:>{width}}' for i in range(len(counts)))
    rows = [
        f'{f"{i} {name}":<{label_width}} | ' + ' '.join(f'{count:>{width}}' for count in row)
        for i, (name, row) in enumerate(zip(metrics['class_names'], counts))
    ]
    return '\n'.join([header] + rows)


def confused_pairs_table(pairs):
    """Markdown table of :func:`most_confused_pairs`.

    Args:
        pairs (list[dict]): Confused pairs.

    Returns:
        str: The table, or a note when nothing is confused.
    """
    if not pairs:
        return 'No sample is misclassified.'
    rows = [[p['truth'], p['predicted'], str(p['count']), _percent(p['fraction'])] for p in pairs]
    return markdown_table(['true class', 'predicted as', 'count', 'of true class (%)'], rows, 'llrr')


def markdown_report(name, metrics, pairs, image=None):
    """The markdown report of one model.

    Args:
        name (str): Model (score file) name.
        metrics (dict): Its :func:`classification_metrics` result.
        pairs (list[dict]): Its :func:`most_confused_pairs`.
        image (str | None): Confusion-matrix PNG path relative to the report. Default: None.

    Returns:
        str: Markdown text.
    """
    absent = ', '.join(metrics['absent_classes']) or 'none'
    parts = [
        f'# Evaluation of {name}',
        f"{metrics['num_samples']} samples, {metrics['num_classes']} classes. Predictions are the "
        'highest-scoring class. Macro averages are over the classes present in the test set.',
        '## Metrics', summary_table({name: metrics}),
        '## Per class', per_class_table(metrics),
        f'Classes absent from the test set (no support, left out of the macro averages): {absent}.',
        '## Most confused pairs', confused_pairs_table(pairs),
    ]
    if image is not None:
        parts += ['## Confusion matrix (row-normalized)', f'![confusion matrix of {name}]({image})']
    return '\n\n'.join(parts) + '\n'


def plot_confusion(confusion, class_names, path=None, title=None):
    """Row-normalized confusion matrix image, sized so that 60 class names stay readable.

    Args:
        confusion (Sequence[Sequence[int]] | np.ndarray): Counts [K, K], rows = truth.
        class_names (Sequence[str]): K names for the tick labels.
        path (str | None): Where to save the PNG. Default: None (not saved).
        title (str | None): Figure title. Default: None.

    Returns:
        matplotlib.figure.Figure: The figure (drawn with the Agg canvas; pyplot's state is not touched).
    """
    from matplotlib.figure import Figure  # here: importing the package does not load matplotlib

    counts = np.asarray(confusion, dtype=np.float64)
    support = counts.sum(axis=1, keepdims=True)
    rates = np.divide(counts, support, out=np.zeros_like(counts), where=support > 0)
    num_classes = len(counts)
    side = max(4.0, 0.25 * num_classes + 2.5)
    fontsize = float(np.clip(420 / num_classes, 6, 10))
    fig = Figure(figsize=(side + 1.5, side), dpi=100, layout='constrained')
    ax = fig.add_subplot()
    image = ax.imshow(rates, cmap='Blues', vmin=0, vmax=1, interpolation='nearest')
    fig.colorbar(image, ax=ax, shrink=0.8, label='fraction of the true class')
    ticks = np.arange(num_classes)
    ax.set_xticks(ticks, class_names, rotation=90, fontsize=fontsize)
    ax.set_yticks(ticks, class_names, fontsize=fontsize)
    ax.set_xlabel('predicted class')
    ax.set_ylabel('true class')
    if title:
        ax.set_title(title)
    if num_classes <= MAX_CLASSES_ANNOTATED:
        for (row, col), rate in np.ndenumerate(rates):
            ax.text(col, row, f'{rate:.2f}', ha='center', va='center', fontsize=fontsize - 1,
                    color='white' if rate > 0.5 else 'black')
    if path is not None:
        with atomic_path(path) as partial:
            fig.savefig(partial)
    return fig


def write_report(name, metrics, out_dir, top_pairs=10):
    """Write ``<name>.json``, ``<name>.md`` and ``<name>_confusion.png`` for one model.

    Args:
        name (str): Model (score file) name.
        metrics (dict): Its :func:`classification_metrics` result.
        out_dir (str): Output directory (created if needed).
        top_pairs (int): How many most-confused pairs to list. Default: 10.

    Returns:
        dict[str, str]: Paths written, keyed ``json``, ``markdown``, ``png``.
    """
    os.makedirs(out_dir, exist_ok=True)
    pairs = most_confused_pairs(metrics['confusion_matrix'], metrics['class_names'], top=top_pairs)
    paths = dict(json=osp.join(out_dir, f'{name}.json'), markdown=osp.join(out_dir, f'{name}.md'),
                 png=osp.join(out_dir, f'{name}_confusion.png'))
    with atomic_open(paths['json'], 'w') as f:
        json.dump(dict(name=name, **metrics, confused_pairs=pairs), f, indent=1)
    with atomic_open(paths['markdown'], 'w') as f:
        f.write(markdown_report(name, metrics, pairs, image=osp.basename(paths['png'])))
    plot_confusion(metrics['confusion_matrix'], metrics['class_names'], paths['png'], title=name)
    return paths


def comparison_report(named_metrics):
    """Side-by-side markdown of several models on the same test set (e.g. raw vs grayscale vs fused).

    Args:
        named_metrics (dict[str, dict]): :func:`classification_metrics` results by model name.

    Returns:
        str: Markdown with the metrics table and a per-class F1 table.
    """
    names = list(named_metrics)
    class_names = next(iter(named_metrics.values()))['class_names']
    per_class = [metrics['per_class'] for metrics in named_metrics.values()]
    f1_table = markdown_table(['#', 'class'] + [f'{name} F1 (%)' for name in names],
                              [[str(i), class_name] + [_percent(rows[i]['f1']) for rows in per_class]
                               for i, class_name in enumerate(class_names)], 'rl' + 'r' * len(names))
    return '\n\n'.join(['# Comparison', summary_table(named_metrics), '## Per-class F1', f1_table]) + '\n'


def write_reports(named_scores, labels, out_dir, class_names=None):
    """Evaluate several models' scores on one test set and write every report.

    Args:
        named_scores (dict[str, list[np.ndarray] | np.ndarray]): Scores [N, K] by model name.
        labels (Sequence[int]): True classes [N], in the order of the scores.
        out_dir (str): Output directory.
        class_names (Sequence[str] | None): K class names. Default: None (``class_<i>``).

    Returns:
        dict[str, dict]: :func:`classification_metrics` results by model name.
    """
    named_metrics = {}
    for name, scores in named_scores.items():
        try:
            named_metrics[name] = classification_metrics(scores, labels, class_names=class_names)
        except ValueError as err:
            raise ValueError(f'{name}: {err}') from err
    class_counts = {name: metrics['num_classes'] for name, metrics in named_metrics.items()}
    if len(set(class_counts.values())) > 1:
        raise ValueError(f'scores of one test set need one class count, got {class_counts}')
    for name, metrics in named_metrics.items():
        write_report(name, metrics, out_dir)
    if len(named_metrics) > 1:
        with atomic_open(osp.join(out_dir, 'comparison.md'), 'w') as f:
            f.write(comparison_report(named_metrics))
    return named_metrics
