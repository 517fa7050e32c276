"""Write docs/ACCESS.md, the access matrix of every contract, from dfa/access.py."""

from pathlib import Path

from dfa.access import render

TARGET = Path(__file__).resolve().parents[1] / "docs" / "ACCESS.md"

if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render())
    print(f"wrote {TARGET}")
