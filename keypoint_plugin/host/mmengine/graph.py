"""The graph of a plugin layout inside MMAction2 1.x's ``STGCN``: its ``Graph`` takes a custom layout as a dict
(``num_node``, ``inward``, ``center``), so the layout's ``Layout.graph`` is passed as ``graph_cfg.layout``."""
import contextlib


@contextlib.contextmanager
def layout_graph(backbone_class, layout, graph_cfg):
    """Yield ``graph_cfg`` with ``layout``'s graph as its ``layout`` (same interface as the mmcv 1.x family's).

    Args:
        backbone_class (type): The host's backbone class (unused: nothing to swap on this host).
        layout (Layout): The plugin layout.
        graph_cfg (dict): The host's graph arguments (``mode``, ``max_hop``, ...).
    """
    yield dict(graph_cfg, layout=layout.graph)
