"""A line-protocol bridge to a running LibreOffice: run by the *system* Python, not docgen's.

LibreOffice's ``uno`` module (Debian ``python3-uno``) is built for ``/usr/bin/python3``;
docgen may run on another interpreter. So :mod:`docgen.pdf.office` starts the office
itself and runs this file as a script with the system Python::

    /usr/bin/python3 uno_bridge.py PIPE_NAME CONNECT_SECONDS OFFICE_PGID

It connects to the office listening on the named pipe, prints one JSON line
``{"ready": true}`` and then answers one JSON line per request line read from stdin::

    {"src": "/tmp/…/in.docx", "dst": "/tmp/…/out.pdf", "filter": "writer_pdf_Export",
     "filter_data": {"SelectPdfVersion": 2}}
    → {"ok": true} | {"ok": false, "error": "…", "dead": false}

``dead`` true means the connection to the office is gone: the bridge exits after saying
so. When stdin closes (docgen finished, or its process died) the bridge asks the office
to terminate and, if it does not, kills the office's process group: no office outlives
its owner. This file imports nothing from docgen.
"""

import json
import os
import signal
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException
from com.sun.star.uno import Exception as UnoException
from com.sun.star.uno import RuntimeException as UnoRuntimeException


def _props(**values):
    """Return a tuple of PropertyValue from keyword arguments (UNO's argument lists)."""
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


def _connect(pipe, seconds):
    """Return the office's Desktop, retrying while the office is still starting."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(url)
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _convert(desktop, request):
    """Load `src` hidden and read-only, store it through the export filter to `dst`."""
    src = uno.systemPathToFileUrl(request["src"])
    dst = uno.systemPathToFileUrl(request["dst"])
    # -- MacroExecutionMode 0 = NEVER_EXECUTE; UpdateDocMode 0 = NO_UPDATE (no links) --
    doc = desktop.loadComponentFromURL(
        src, "_blank", 0, _props(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0)
    )
    if doc is None:
        raise ValueError("LibreOffice не открыл документ")
    try:
        filter_data = uno.Any(
            "[]com.sun.star.beans.PropertyValue", _props(**request.get("filter_data", {}))
        )
        doc.storeToURL(dst, _props(FilterName=request["filter"], FilterData=filter_data))
    finally:
        doc.close(True)


def _shutdown(desktop, pgid):
    """Ask the office to quit; kill its process group if it is still there a moment later."""
    try:
        if desktop is not None:
            desktop.terminate()
    except (DisposedException, UnoRuntimeException, UnoException):
        pass
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if not _alive(pgid):
            return
        time.sleep(0.02)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _alive(pid):
    """Return True while process `pid` runs (a zombie waiting for its parent does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _say(**message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main():
    pipe, seconds, pgid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    try:
        desktop = _connect(pipe, seconds)
    except (NoConnectException, UnoRuntimeException, UnoException) as exc:
        _say(ready=False, error=str(exc.Message or exc))
        _shutdown(None, pgid)
        return 2
    _say(ready=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            _convert(desktop, request)
        except (DisposedException, UnoRuntimeException) as exc:
            # -- the office died or dropped the connection: nothing more can be done here --
            _say(ok=False, dead=True, error=str(exc.Message or exc))
            return 3
        except (UnoException, ValueError) as exc:
            _say(ok=False, dead=False, error=str(getattr(exc, "Message", "") or exc))
        else:
            _say(ok=True)
    _shutdown(desktop, pgid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
