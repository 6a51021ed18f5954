"""The graph of a plugin layout inside the host's ``STGCN``.

MMAction2 1.x's ``Graph`` takes a custom layout as a dict (``num_node``, ``inward``, ``center``): there the layout's
``Layout.graph`` is passed as ``graph_cfg.layout``.

pyskl's and MMAction2 0.x's ``Graph`` accept only the skeleton names they know (an ``assert`` on the name), and
their ``STGCN`` builds one from ``graph_cfg`` with the ``Graph`` of its own module. Both ``Graph`` classes read
the skeleton in one method, called once from ``__init__`` (pyskl: ``get_layout``, MMAction2 0.x: ``get_edge``);
everything else (hop distances, the adjacency of each ``mode`` / ``strategy``) is computed from what it sets.
:func:`layout_graph` therefore builds the host's ``STGCN`` with a subclass of its own ``Graph`` that answers that
method from a plugin layout, and nothing of the host's code is copied or changed.
"""
import contextlib
import sys

from . import FAMILY

# A name both hosts' Graph asserts on; it only gets past the check, the subclass's reader ignores it.
_KNOWN_NAME = 'coco'


def _layout_graph_class(graph_class, skeleton):
    """A subclass of the host's ``graph_class`` that reads ``skeleton`` (``Layout.graph``) in place of a name."""

    class LayoutGraph(graph_class):

        def __init__(self, layout=None, **kwargs):
            super().__init__(layout=_KNOWN_NAME, **kwargs)
            self.layout = skeleton

        def _read(self, name):
            # The attributes either host's reader sets: pyskl's (inward, outward, neighbor, self_link, center)
            # and MMAction2 0.x's (edge, neighbor_link, self_link, center).
            self.num_node = skeleton['num_node']
            self.center = skeleton['center']
            self.inward = [tuple(edge) for edge in skeleton['inward']]
            self.outward = [(j, i) for (i, j) in self.inward]
            self.neighbor = self.inward + self.outward
            self.neighbor_link = self.inward
            self.self_link = [(i, i) for i in range(self.num_node)]
            self.edge = self.self_link + self.neighbor_link

        get_layout = get_edge = _read

    LayoutGraph.__name__ = LayoutGraph.__qualname__ = f'Layout{graph_class.__name__}'
    return LayoutGraph


@contextlib.contextmanager
def layout_graph(backbone_class, layout, graph_cfg):
    """Build ``backbone_class`` (the host's ``STGCN`` or a subclass) inside this context to give it ``layout``'s
    graph: yields the ``graph_cfg`` to pass. On the mmcv 1.x hosts its ``layout`` entry is dropped (the layout is
    the plugin's) while the backbone module's ``Graph`` is the subclass that reads ``layout``; on MMAction2 1.x
    it is ``layout.graph``.

    Args:
        backbone_class (type): The host's backbone class whose module names ``Graph``.
        layout (Layout): The plugin layout.
        graph_cfg (dict): The host's graph arguments (``mode`` / ``strategy``, ``max_hop``, ...).
    """
    if FAMILY == 'mmengine':
        yield dict(graph_cfg, layout=layout.graph)
        return
    module = next(sys.modules[cls.__module__] for cls in backbone_class.__mro__
                  if 'Graph' in vars(sys.modules[cls.__module__]))
    host_graph = module.Graph
    module.Graph = _layout_graph_class(host_graph, layout.graph)
    try:
        yield {key: value for key, value in graph_cfg.items() if key != 'layout'}
    finally:
        module.Graph = host_graph
