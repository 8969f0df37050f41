"""Write a thin notebook from a small Python description (used to author notebooks/).

Usage: python tools/make_notebook.py SPEC.py OUT.ipynb, where SPEC.py defines CELLS, a list of
("md" | "code" | "parameters", source) pairs. Notebooks are stored without outputs.
"""

import runpy
import sys

import nbformat


def build(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for kind, src in cells:
        src = src.strip("\n")
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(src))
        elif kind == "parameters":
            nb.cells.append(nbformat.v4.new_code_cell(src, metadata={"tags": ["parameters"]}))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(src))
    for i, c in enumerate(nb.cells):  # stable ids: diffs stay small
        c["id"] = f"cell-{i:02d}"
    return nb


if __name__ == "__main__":
    spec, out = sys.argv[1], sys.argv[2]
    nbformat.write(build(runpy.run_path(spec)["CELLS"]), out)
