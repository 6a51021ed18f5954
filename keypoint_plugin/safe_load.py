"""Loading files from elsewhere without running their code: checkpoints, annotation pickles and score files.

A pickle can call any function while it loads, so a checkpoint or annotation file made by someone else can run
code. Every file the plugin reads is loaded here, safely by default:

- checkpoints with torch's ``weights_only=True`` unpickler, plus the few types real checkpoints hold, allowed by
  name (:data:`CHECKPOINT_GLOBALS`: numpy scalars and dtypes that mmcv stores in ``meta``, mmengine's
  ``HistoryBuffer`` and ``ConfigDict``);
- annotation and score pickles with :class:`RestrictedUnpickler`, which builds only what the formats hold
  (dicts, lists, strings, numbers, numpy arrays and dtypes, torch tensors) and reads the numpy module names of
  numpy 1.x and 2.x alike (``numpy.core`` <-> ``numpy._core``), so files cross numpy versions both ways.

Anything else is refused with :class:`UnsafeFileError`, naming the file and the type. Trusting a file is the
user's explicit choice: ``--unsafe-load`` on the tools, or ``KEYPOINT_PLUGIN_UNSAFE_LOAD=1`` in the environment
(which also reaches pyskl's and MMAction2's own tools and every worker process), loads it fully.
"""
import argparse
import importlib
import io
import json
import os
import pickle
import re

import numpy as np
import torch

UNSAFE_LOAD_ENV = 'KEYPOINT_PLUGIN_UNSAFE_LOAD'
_OPT_IN = (f'if you trust the file, pass --unsafe-load to the tool or set {UNSAFE_LOAD_ENV}=1, which loads it '
           f'fully (a pickle can run any code)')


class UnsafeFileError(pickle.UnpicklingError):
    """A file holds a type that loading it safely does not build."""


def unsafe_load_allowed():
    """Whether the user opted in to full (unsafe) loading: ``KEYPOINT_PLUGIN_UNSAFE_LOAD`` is 1, true or yes."""
    return os.environ.get(UNSAFE_LOAD_ENV, '').strip().lower() in ('1', 'true', 'yes')


def allow_unsafe_load():
    """Opt in to full loading for this process and the processes it starts (the tools' ``--unsafe-load``)."""
    os.environ[UNSAFE_LOAD_ENV] = '1'


class _UnsafeLoadAction(argparse.Action):

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=False, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        allow_unsafe_load()
        setattr(namespace, self.dest, True)


def add_unsafe_load_argument(parser):
    """The tools' ``--unsafe-load`` flag: parsing it opts in (:func:`allow_unsafe_load`)."""
    parser.add_argument('--unsafe-load', action=_UnsafeLoadAction,
                        help='load checkpoints, annotation and score files fully, running any code a pickle holds '
                             f'(only for files you trust; same as {UNSAFE_LOAD_ENV}=1)')


# numpy 2 renamed numpy.core to numpy._core (numpy.core stays as a deprecated alias in 2.x; numpy 1.x lacks
# numpy._core): a pickle names the module of the numpy that wrote it.
_NUMPY_CORE = 'numpy._core' if np.__version__ >= '2' else 'numpy.core'


def _numpy_module(module):
    for prefix in ('numpy.core', 'numpy._core'):
        if module == prefix or module.startswith(prefix + '.'):
            return _NUMPY_CORE + module[len(prefix):]
    return module


def _dtype_classes():
    # Unpickling a dtype builds an instance of its class (numpy.dtype[float32] in numpy 1.x,
    # numpy.dtypes.Float32DType from numpy 1.25): torch checks that class.
    return list({type(np.dtype(code)) for code in np.typecodes['All']})


def _numpy_globals():
    """The numpy functions and types an array, scalar or dtype pickles as, by (module, name) as the running numpy
    names them."""
    multiarray = importlib.import_module(f'{_NUMPY_CORE}.multiarray')
    numeric = importlib.import_module(f'{_NUMPY_CORE}.numeric')
    found = {(f'{_NUMPY_CORE}.multiarray', '_reconstruct'): multiarray._reconstruct,
             (f'{_NUMPY_CORE}.multiarray', 'scalar'): multiarray.scalar,
             ('numpy', 'ndarray'): np.ndarray, ('numpy', 'dtype'): np.dtype}
    if hasattr(numeric, '_frombuffer'):  # protocol 5 arrays
        found[(f'{_NUMPY_CORE}.numeric', '_frombuffer')] = numeric._frombuffer
    found.update({(cls.__module__, cls.__name__): cls for cls in _dtype_classes() if cls.__module__ == 'numpy.dtypes'})
    return found


def _mmengine_globals():
    try:
        from mmengine.config import ConfigDict
        from mmengine.logging import HistoryBuffer
    except ImportError:
        return []

    def history_buffer_method(owner, name):
        # A HistoryBuffer (the Runner's logs in a checkpoint's message_hub) pickles its statistics methods as
        # getattr(HistoryBuffer, 'mean'): resolve exactly that, never an attribute of anything else.
        if owner is not HistoryBuffer or name.startswith('_'):
            raise UnsafeFileError(f'getattr({owner!r}, {name!r})')
        return getattr(owner, name)

    return [HistoryBuffer, ConfigDict, (history_buffer_method, 'builtins.getattr')]


# What checkpoints written by mmcv 1.x (pyskl, MMAction2 0.x), mmengine (MMAction2 1.x) and this plugin hold
# beyond tensors and plain containers.
CHECKPOINT_GLOBALS = list({*_numpy_globals().values(), *_dtype_classes()}) + _mmengine_globals()


def _unsafe_type(err):
    found = re.search(r'GLOBAL ([\w.]+)', str(err)) or re.search(r'Unsupported global: ([\w.]+)', str(err))
    return found.group(1) if found else None


def load_checkpoint_file(filename, map_location=None):
    """``torch.load`` a checkpoint file (or file-like object) safely: ``weights_only=True`` with
    :data:`CHECKPOINT_GLOBALS` allowed; fully when the user opted in (:func:`unsafe_load_allowed`).

    Args:
        filename (str | file-like): Checkpoint.
        map_location: As for ``torch.load``.

    Raises:
        UnsafeFileError: The file holds another type; the message names the file, the type and the opt-in.
    """
    if unsafe_load_allowed():
        return torch.load(filename, map_location=map_location, weights_only=False)
    with torch.serialization.safe_globals(CHECKPOINT_GLOBALS):
        try:
            return torch.load(filename, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as err:
            name = getattr(filename, 'name', filename)
            kind = _unsafe_type(err)
            if kind is None:
                raise pickle.UnpicklingError(f'{name}: not a readable checkpoint ({err})') from err
            raise UnsafeFileError(f'refusing to load checkpoint {name}: it holds {kind}, which loading safely '
                                  f'does not build; {_OPT_IN}') from None


def _load_storage(data):
    # A torch tensor in a plain pickle (MMAction2 1.x's --dump) carries its storage as a torch.save'd byte string,
    # which torch itself reloads with a full unpickler: reload it with the weights-only one.
    return torch.load(io.BytesIO(data), weights_only=True)


_PICKLE_GLOBALS = {
    ('builtins', 'set'): set, ('builtins', 'frozenset'): frozenset, ('builtins', 'complex'): complex,
    ('builtins', 'slice'): slice, ('collections', 'OrderedDict'): __import__('collections').OrderedDict,
    # protocol 2 pickles carry bytes as _codecs.encode(text, 'latin1')
    ('_codecs', 'encode'): __import__('codecs').encode,
    ('torch._utils', '_rebuild_tensor_v2'): torch._utils._rebuild_tensor_v2,
    ('torch.storage', '_load_from_bytes'): _load_storage,
}
_PICKLE_GLOBALS.update(_numpy_globals())


class RestrictedUnpickler(pickle.Unpickler):
    """Builds only plain containers, numbers, strings, numpy arrays, scalars and dtypes, and torch tensors;
    numpy 1.x and 2.x module names both resolve to the running numpy's."""

    def find_class(self, module, name):
        module = _numpy_module(module)
        found = _PICKLE_GLOBALS.get((module, name))
        if found is None:
            raise UnsafeFileError(f'{module}.{name}')
        return found


def load_pickle(filename):
    """Unpickle an annotation or score file safely (:class:`RestrictedUnpickler`); fully when the user opted in.

    Args:
        filename (str): The file.

    Raises:
        UnsafeFileError: The file holds another type (the message names the file, the type and the opt-in).
        ValueError: The file is truncated or not a pickle (the message names the file).
    """
    with open(filename, 'rb') as f:
        try:
            if unsafe_load_allowed():
                return pickle.load(f)
            return RestrictedUnpickler(f).load()
        except UnsafeFileError as err:
            raise UnsafeFileError(f'refusing to load {filename}: it holds {err}, which loading safely does not '
                                  f'build; {_OPT_IN}') from None
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
                KeyError) as err:
            raise ValueError(f'{filename}: not a readable pickle (truncated or corrupt? '
                             f'{type(err).__name__}: {err})') from err


def load_data_file(filename):
    """An annotation or score file: JSON by its ``.json`` suffix, else a pickle read by :func:`load_pickle`.

    Raises:
        UnsafeFileError: As :func:`load_pickle`.
        ValueError: The file is truncated, corrupt or not of its format (the message names the file).
    """
    if not str(filename).endswith('.json'):
        return load_pickle(filename)
    with open(filename) as f:
        try:
            return json.load(f)
        except ValueError as err:
            raise ValueError(f'{filename}: not a readable JSON file ({err})') from err
