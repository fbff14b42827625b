"""Write the WiX fragment listing every file of the PyInstaller bundle: group BundleFiles.

The bundle holds about a thousand files, so they are listed by a program, the same one for Debian's
wixl (tests) and WiX 3 (the Windows release build), instead of by WiX's `heat`, whose output differs
between the two. One component per file, with ids derived from the file's path, so the same bundle
always gives the same fragment and component GUIDs stay stable across versions.

    python installer/windows/harvest.py BUNDLE_DIR OUTPUT.wxs [--exclude NAME ...]

`Source` paths are written as `$(var.BundleDir)/...`; pass `-dBundleDir=...` to candle or wixl.
"""

import argparse
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

WIX_NAMESPACE = "http://schemas.microsoft.com/wix/2006/wi"
COMPONENT_GROUP = "BundleFiles"
INSTALL_DIRECTORY = "INSTALLDIR"


def _id(prefix: str, relative: PurePosixPath) -> str:
    """A WiX identifier (letter first, at most 72 characters) that depends only on the path."""
    return prefix + hashlib.sha256(str(relative).encode()).hexdigest()[:40]


def _element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{WIX_NAMESPACE}}}{tag}", attributes)


def harvest(bundle: Path, excluded: frozenset[str]) -> ET.ElementTree:
    root = ET.Element(f"{{{WIX_NAMESPACE}}}Wix")
    directories = _element(_element(root, "Fragment"), "DirectoryRef", Id=INSTALL_DIRECTORY)
    group = _element(_element(root, "Fragment"), "ComponentGroup", Id=COMPONENT_GROUP)
    folders: dict[PurePosixPath, ET.Element] = {PurePosixPath("."): directories}

    def folder_element(relative: PurePosixPath) -> ET.Element:
        if relative not in folders:
            parent = folder_element(relative.parent)
            folders[relative] = _element(
                parent, "Directory", Id=_id("d", relative), Name=relative.name
            )
        return folders[relative]

    files = sorted(path for path in bundle.rglob("*") if path.is_file())
    for path in files:
        relative = PurePosixPath(path.relative_to(bundle).as_posix())
        if str(relative) in excluded:
            continue
        component = _element(
            folder_element(relative.parent),
            "Component",
            Id=_id("c", relative),
            Guid="*",
            Win64="yes",
        )
        _element(
            component,
            "File",
            Id=_id("f", relative),
            Name=relative.name,
            Source=f"$(var.BundleDir)/{relative}",
            KeyPath="yes",
        )
        _element(group, "ComponentRef", Id=_id("c", relative))
    ET.indent(root)
    return ET.ElementTree(root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller output folder")
    parser.add_argument("output", type=Path, help="the .wxs fragment to write")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="NAME",
        help="a path relative to the bundle that the main .wxs lists itself",
    )
    args = parser.parse_args()
    ET.register_namespace("", WIX_NAMESPACE)
    harvest(args.bundle, frozenset(args.exclude)).write(
        args.output, encoding="utf-8", xml_declaration=True
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
