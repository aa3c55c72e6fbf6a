"""The app's web routes. Requests name downloads only by their opaque ids and formats by fixed
names; nothing in a request is ever used as a path."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import AsyncIterator, Callable
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from exposure_audit.app import pages
from exposure_audit.app.exports import REPORT_FORMATS, cleaned_photos, report_file
from exposure_audit.app.settings import parse_settings, suggest_towns
from exposure_audit.app.state import AppState
from exposure_audit.app.uploads import UploadRefused
from exposure_audit.errors import ExposureAuditError
from exposure_audit.reporters.formats.html_assets import CSS as REPORT_CSS
from exposure_audit.workshop.summary import build_summary, summary_json, summary_text

MAX_SMALL_BODY = 64 * 1024


def _asset(name: str) -> str:
    return (resources.files("exposure_audit.app") / "static" / name).read_text(encoding="utf-8")


STATIC = {
    "app.js": ("text/javascript", _asset("app.js")),
    "app.css": ("text/css", _asset("app.css")),
    "report.css": ("text/css", REPORT_CSS),
}


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


def build_routes(state: AppState, stop: Callable[[], None]) -> Starlette:
    async def start(request: Request) -> Response:
        if state.job is not None and state.job.running:
            return _see("/scan")
        if state.finished is not None:
            return _see("/report")
        await run_in_threadpool(state.refresh)
        notes, state.notes = state.notes, []
        return HTMLResponse(
            pages.start_page(
                state.inputs.all(), state.policies(), notes, state.error, str(state.config.downloads_folder)
            )
        )

    async def upload(request: Request) -> Response:
        try:
            stored, notes = await state.uploads.receive(request.headers.get("content-type", ""), request.stream())
        except UploadRefused as refused:
            state.notes = [refused.message]
            return HTMLResponse(pages.message_page("Not added", refused.message), status_code=refused.status)
        for path in stored:
            await run_in_threadpool(state.inputs.add, path, "upload")
        state.notes = notes
        return _see("/")

    async def remove(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=200)
        state.remove_input(str(form.get("remove", "")))
        return _see("/")

    async def scan(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=200)
        try:
            fields = {k: str(v) for k, v in form.items()}
            settings = await run_in_threadpool(parse_settings, fields, state.policy_files())
            state.start_scan([str(v) for v in form.getlist("input")], settings)
        except ExposureAuditError as error:
            state.error = str(error)
            return _see("/")
        return _see("/scan")

    async def progress(request: Request) -> Response:
        if state.job is None or not state.job.running:
            return _see("/report" if state.finished else "/")
        return HTMLResponse(pages.progress_page(state.job))

    async def cancel(request: Request) -> Response:
        await run_in_threadpool(state.cancel)
        return _see("/")

    async def discard(request: Request) -> Response:
        await run_in_threadpool(state.cancel)
        await run_in_threadpool(state.discard)
        return _see("/")

    async def report(request: Request) -> Response:
        if state.finished is None:
            return _see("/")
        note = "Every copy is checked to hold no GPS before it is given to you."
        return HTMLResponse(pages.report_page(state.finished.body, note))

    async def report_download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if state.finished is None or fmt not in REPORT_FORMATS:
            return Response(status_code=404)
        name, data = await run_in_threadpool(report_file, state.finished.view, fmt)
        return Response(data, media_type=REPORT_FORMATS[fmt][1], headers=_attachment(name))

    async def photos(request: Request) -> Response:
        if state.finished is None:
            return Response(status_code=404)
        sources = [p for s in state.finished.report.inputs for p in map_paths(s.paths)]
        result = await run_in_threadpool(cleaned_photos, sources, state.workspace)
        folder = result.zip_path.parent
        return FileResponse(
            result.zip_path,
            media_type="application/zip",
            filename="cleaned-photos.zip",
            background=BackgroundTask(shutil.rmtree, folder, True),
        )

    def map_paths(paths: tuple[str, ...]) -> list[Path]:
        allowed = {e.path for e in state.inputs.all()}
        return [Path(p) for p in paths if Path(p) in allowed]

    async def compare(request: Request) -> Response:
        if state.finished is None:
            return _see("/")
        return HTMLResponse(pages.compare_page(state.finished.comparison))

    async def summary(request: Request) -> Response:
        if state.finished is None:
            return _see("/")
        return HTMLResponse(pages.summary_page(summary_text(build_summary(state.finished.report))))

    async def summary_file(request: Request) -> Response:
        if state.finished is None:
            return Response(status_code=404)
        return Response(
            summary_json(build_summary(state.finished.report)),
            media_type="application/json",
            headers=_attachment("exposure-audit-summary.json"),
        )

    async def ticks(request: Request) -> Response:
        if request.method == "GET":
            return JSONResponse({"ticked": state.ticked_actions()})
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_SMALL_BODY:
                return Response(status_code=413)
        try:
            document = json.loads(body)
            key, done = str(document["key"]), bool(document["done"])
        except (ValueError, KeyError, TypeError):
            return Response(status_code=400)
        ok = await run_in_threadpool(state.tick, key, done)
        return JSONResponse({"ok": ok}, status_code=200 if ok else 404)

    async def events(request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            state.connections += 1
            try:
                last, quiet = "", 0
                while not state.stopping:
                    snapshot = json.dumps(state.job.snapshot() if state.job else {"state": "idle"})
                    if snapshot != last:
                        last, quiet = snapshot, 0
                        yield f"data: {snapshot}\n\n"
                    elif (quiet := quiet + 1) >= 30:
                        quiet = 0
                        yield ": still here\n\n"
                    await asyncio.sleep(0.5)
            finally:
                state.connections -= 1
                state.last_seen = time.monotonic()

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def towns(request: Request) -> Response:
        prefix = request.query_params.get("q", "")[:100]
        return JSONResponse({"towns": await run_in_threadpool(suggest_towns, prefix)})

    async def quit_app(request: Request) -> Response:
        stop()
        return HTMLResponse(
            pages.message_page(
                "exposure-audit has stopped", "Your uploaded files were deleted. You can close this tab.", False
            )
        )

    async def static(request: Request) -> Response:
        asset = STATIC.get(request.path_params["name"])
        if asset is None:
            return Response(status_code=404)
        return Response(asset[1], media_type=asset[0])

    return Starlette(
        routes=[
            Route("/", start),
            Route("/uploads", upload, methods=["POST"]),
            Route("/inputs/remove", remove, methods=["POST"]),
            Route("/scan", scan, methods=["POST"]),
            Route("/scan", progress),
            Route("/scan/cancel", cancel, methods=["POST"]),
            Route("/scan/discard", discard, methods=["POST"]),
            Route("/report", report),
            Route("/report/file/{fmt}", report_download),
            Route("/report/photos.zip", photos),
            Route("/report/compare", compare),
            Route("/report/summary", summary),
            Route("/report/summary.json", summary_file),
            Route("/api/ticks", ticks, methods=["GET", "POST"]),
            Route("/api/events", events),
            Route("/api/towns", towns),
            Route("/quit", quit_app, methods=["POST"]),
            Route("/static/{name}", static),
        ]
    )
