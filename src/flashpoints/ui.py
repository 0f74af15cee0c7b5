"""The Streamlit page: widgets and layout only.

Every value shown comes from :mod:`flashpoints.appdata` (tested without a
browser). Article text is never rendered as HTML here: table cells are plain
text, the evidence is escaped Markdown, and the map page escapes its popups.

Run it with ``streamlit run app.py -- [FILE ...] [--db FILE]``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import partial
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from . import appdata as ad
from .article import Article
from .errors import FlashpointsError
from .table import Extraction

BASEMAPS = {"Offline outlines": "none", "OpenStreetMap tiles (needs internet)": "osm"}
MAP_HEIGHT = 620
#: Reads one input choice: ``job(progress=...)``.
Job = Callable[..., ad.Batch]


# ------------------------------------------------------------------ cached work

@st.cache_resource(show_spinner="Loading the gazetteer…")
def _resources() -> tuple[Any, Any]:
    from .gazetteer import default_gazetteer
    from .mentions import default_actors

    return default_gazetteer(), default_actors()


@st.cache_data(show_spinner=False, max_entries=512)
def _extract_cached(text: str, title: str, published: str, source: str,
                    corrections: str) -> Extraction:
    """One article's extraction, keyed by its text, publication date and the corrections."""
    from .pipeline import extract

    gaz, acts = _resources()
    art = Article(text=text, title=title, source=source,
                  published=dt.date.fromisoformat(published) if published else None)
    return extract(art, gazetteer=gaz, actors=acts, corrections=json.loads(corrections))


@st.cache_data(show_spinner=False, max_entries=64)
def _map_cached(key: str, _data: Extraction, tiles: str, layers: tuple[str, ...] | None,
                _focus: dict[str, Any] | None) -> str:
    """The map page; ``key`` names everything the underscored arguments hold."""
    return ad.map_html(_data, tiles=tiles, layers=layers, focus=_focus)


def _extractor(corrections: str) -> ad.ExtractFn:
    def run(article: Article) -> Extraction:
        pub = article.published.isoformat() if article.published else ""
        return _extract_cached(article.text, article.title, pub, article.source, corrections)
    return run


# ------------------------------------------------------------------ page

def main(argv: Sequence[str] | None = None, *, script: str | Path | None = None) -> None:
    """Draw the page. ``argv`` is ``sys.argv``; its tail is read when ``argv[0]`` is ``script``."""
    st.set_page_config(page_title="Flashpoints", layout="wide")  # the default icon is local
    state = st.session_state
    args = _args(argv or [], script)
    if "fp_init" not in state:
        state["fp_init"] = ad.parse_query(st.query_params.to_dict())
    init: ad.Initial = state["fp_init"]

    st.title("Flashpoints")
    corrections = _corrections(args)
    _input(args, init, ad.corrections_key(corrections))
    for msg in state.get("fp_errors", []):
        st.error(msg)
    flash = state.pop("fp_flash", None)
    if flash:
        st.success(flash)
    batch: ad.Batch | None = state.get("fp_batch")
    if batch is None:
        st.info("Choose an input in the sidebar: a bundled sample, uploaded files, pasted "
                "text or the event store.")
        return
    if state.get("fp_errors") and state.get("fp_failed"):
        st.caption("The map still shows the data loaded before.")
    _page(batch, args, init, state["fp_gen"])


def _args(argv: Sequence[str], script: str | Path | None) -> ad.AppArgs:
    try:
        return ad.parse_args(ad.script_args(argv, script) if script else [])
    except FlashpointsError as err:
        st.error(ad.one_line(str(err)))
        return ad.AppArgs()


def _corrections(args: ad.AppArgs) -> dict[str, Any]:
    try:
        return ad.load_corrections(args.db)
    except FlashpointsError as err:
        st.warning(f"Saved corrections not used: {ad.one_line(str(err))}")
        return {}


def _input(args: ad.AppArgs, init: ad.Initial, corr: str) -> None:
    """Sidebar input choice; loads new data into the session when the choice changes.

    A choice that reads nothing (a bad file, empty text) leaves the data shown before
    in place, and its errors are shown until the choice changes.
    """
    state = st.session_state
    sb = st.sidebar
    sb.header("Input")
    choices = (["Files given"] if args.paths else []) + ["Sample", "Upload", "Paste", "Store"]
    source = sb.radio("Articles from", choices, key="source", horizontal=True)
    published: dt.date | None = None
    if source != "Store" and sb.toggle(
            "Set the publication date", key="pub_on",
            help="Dates like 'on Sunday' or 'last week' are read against it; applies to "
                 "every loaded article."):
        published = sb.date_input("Publication date", value=_default_published(),
                                  key="published", format="YYYY-MM-DD")
    key, job = _choice(source, args, init, published, _extractor(corr))
    if key is None or job is None:
        return
    key = key + (published.isoformat() if published else "", corr)
    if state.get("fp_key") == key:
        return
    bar = st.progress(0.0, text="Reading…") if source in ("Upload", "Files given") else None

    def progress(n: int, total: int, name: str) -> None:
        if bar is not None:
            bar.progress((n - 1) / max(total, 1), text=f"{n}/{total}: {Path(name).name}")

    with st.spinner("Extracting places and events…"):
        batch: ad.Batch = job(progress=progress)
    if bar is not None:
        bar.empty()
    state["fp_key"] = key
    state["fp_errors"] = batch.errors
    state["fp_failed"] = not batch.ok
    if batch.ok:
        state["fp_batch"] = batch
        state["fp_gen"] = state.get("fp_gen", 0) + 1
        state.pop("fp_png", None)


def _choice(source: str, args: ad.AppArgs, init: ad.Initial, published: dt.date | None,
            extract_fn: ad.ExtractFn) -> tuple[tuple[Any, ...] | None, Job | None]:
    """The widgets of one input choice; a key naming what it holds and a job reading it."""
    sb = st.sidebar
    if source == "Files given":
        sb.caption("  \n".join(ad.md_escape(str(p)) for p in args.paths))
        return (("files", tuple(str(p) for p in args.paths)),
                partial(ad.load_paths, args.paths, extract_fn, published=published))
    if source == "Sample":
        samples = ad.sample_paths()
        if not samples:
            sb.warning(f"No sample articles in {ad.SAMPLES_DIR}")
            return None, None
        names = [p.name for p in samples]
        index = names.index(init.sample) if init.sample in names else 0
        name = sb.selectbox("Sample article", names, index=index, key="sample")
        path = samples[names.index(name)]
        return ("sample", str(path)), partial(ad.load_paths, [path], extract_fn,
                                              published=published)
    if source == "Upload":
        files = sb.file_uploader("Article files", type=list(ad.UPLOAD_TYPES),
                                 accept_multiple_files=True, key="uploads")
        pairs = [(f.name, f.getvalue()) for f in files or []]
        if not pairs:
            return None, None
        return (("upload", tuple((n, ad.digest(b)) for n, b in pairs)),
                partial(ad.load_uploads, pairs, extract_fn, published=published))
    if source == "Paste":
        text = sb.text_area("Article text (plain, Markdown or HTML)", height=200, key="paste")
        if not text:
            return None, None
        return ("paste", ad.digest(text)), partial(ad.load_paste, text, extract_fn,
                                                   published=published)
    db = sb.text_input("Store file", value=str(ad.store_path(args.db)), key="db")
    return ("store", db, _mtime(db)), partial(_store_batch, db)


def _store_batch(db: str, *, progress: ad.ProgressFn | None = None) -> ad.Batch:
    try:
        data = ad.load_store(db)
    except FlashpointsError as err:
        return ad.Batch(errors=[ad.one_line(str(err))])
    if not len(data.events) and not len(data.places):
        return ad.Batch(errors=[f"{db}: the store holds no events yet "
                                "(add articles with `flashpoints ingest FILE --db ...`)"])
    return ad.Batch(data=data, articles=list(data.articles), origin=db)


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return 0.0


def _default_published() -> dt.date:
    batch: ad.Batch | None = st.session_state.get("fp_batch")
    if batch is not None:
        for art in batch.articles:
            if art.published:
                return art.published
    return dt.date.today()


def _page(batch: ad.Batch, args: ad.AppArgs, init: ad.Initial, gen: int) -> None:
    data = batch.data
    events = data.events
    _summary(batch)
    base = _filters(events, init, gen)
    layers, tiles = _map_options(data)
    base = dataclasses.replace(base, layers=layers)

    head = st.container()
    map_box = st.container()
    st.subheader("Timeline")
    tl_box = st.container()
    st.subheader("Events")
    ev_box = st.container()

    with ev_box:
        search = st.text_input("Search evidence, place or actor", value=init.search,
                               key=f"search{gen}", placeholder="e.g. troops, Black Sea, NATO")
    f1 = dataclasses.replace(base, search=search)
    with tl_box:
        period = _timeline(ad.apply_filters(events, f1), events, init, gen)
    final_filters = f1.narrowed(*period) if period else f1
    view = ad.shown(data, final_filters)
    n, total = len(view.events), len(events)
    with head:
        cols = st.columns(4)
        cols[0].metric("Events shown", n)
        cols[1].metric("Places", len(view.places))
        cols[2].metric("Articles", ad.article_count(batch))
        cols[3].metric("To check", len(ad.review_items(data)))
        st.caption(f"{n} {'event' if n == 1 else 'events'} shown of {total}")
    with ev_box:
        focus = _events_table(view.events, init, gen)
    with map_box:
        page = _map(view, final_filters, tiles, layers, focus, gen)
    _review(data, args)
    _exports(batch, view, page)


def _summary(batch: ad.Batch) -> None:
    arts = batch.articles
    if batch.origin and not arts:
        st.markdown(f"**Event store** · {ad.md_escape(batch.origin)}")
    elif len(arts) == 1:
        a = arts[0]
        when = a.published.isoformat() if a.published else "no publication date found"
        st.markdown(f"**{ad.md_escape(a.title or 'Untitled')}**  \n"
                    f"{ad.md_escape(when)} · {ad.md_escape(a.source or 'pasted text')}")
        if not a.published:
            st.warning("No publication date found in the article: set one in the sidebar "
                       "so that 'on Sunday' or 'last week' can be dated.")
    else:
        st.markdown(f"**{len(arts)} articles**")
        with st.expander("Articles"):
            st.dataframe(pd.DataFrame({
                "title": [a.title for a in arts],
                "published": [a.published.isoformat() if a.published else "" for a in arts],
                "source": [a.source for a in arts]}), hide_index=True)


def _filters(events: pd.DataFrame, init: ad.Initial, gen: int) -> ad.Filters:
    sb = st.sidebar
    sb.header("Filters")
    since = until = None
    bounds = ad.date_bounds(events)
    if bounds is not None:
        lo, hi = ad.slider_bounds(bounds)
        start = min(max(init.since or lo, lo), hi)
        end = max(min(init.until or hi, hi), start)
        since, until = sb.slider("Dates", min_value=lo, max_value=hi, value=(start, end),
                                 format="YYYY-MM-DD", key=f"dates{gen}")
        if (since, until) == (lo, hi):
            since = until = None
    else:
        sb.caption("No dated events.")
    n_undated = ad.count_undated(events)
    undated = sb.toggle(f"Undated events ({n_undated})", value=init.include_undated,
                        key=f"undated{gen}")
    actor_counts = ad.option_counts(events, "actor")
    type_counts = ad.option_counts(events, "type")
    actors = sb.multiselect("Actors", list(actor_counts),
                            default=[a for a in init.actors if a in actor_counts],
                            format_func=lambda v: ad.option_label(v, actor_counts),
                            placeholder="All actors", key=f"actors{gen}")
    types = sb.multiselect("Event types", list(type_counts),
                           default=[t for t in init.types if t in type_counts],
                           format_func=lambda v: ad.option_label(v, type_counts),
                           placeholder="All types", key=f"types{gen}")
    return ad.Filters(since=since, until=until, actors=tuple(actors) or None,
                      types=tuple(types) or None, include_undated=undated)


def _map_options(data: Extraction) -> tuple[tuple[str, ...] | None, str]:
    """Layer checkboxes (layers with nothing in them are left out) and the basemap."""
    sb = st.sidebar
    sb.header("Map layers")
    counts = ad.layer_counts(data)
    names = ad.layer_names()
    offered = [n for n in names if counts.get(n)]
    off = {n for n in offered
           if not sb.checkbox(f"{ad.layer_title(n)} ({counts[n]})", value=True,
                              key=f"layer-{n}")}
    basemap = sb.radio("Basemap", list(BASEMAPS), key="basemap")
    layers = None if not off else tuple(n for n in names if n not in off)
    return layers, BASEMAPS[basemap]


def _timeline(events: pd.DataFrame, all_events: pd.DataFrame, init: ad.Initial,
              gen: int) -> tuple[dt.date, dt.date] | None:
    freq = st.radio("Count events per", list(ad.FREQS), horizontal=True,
                    index=list(ad.FREQS).index(init.freq), key="freq")
    tl = ad.timeline(events, freq=freq)
    if len(tl):
        import altair as alt

        tl = tl.assign(period=[p.isoformat() for p in tl["period"]])
        colors = ad.actor_colors(sorted(set(tl["actor"])))
        chart = alt.Chart(tl).mark_bar().encode(
            x=alt.X("period:O", title=f"{freq} (first day)", sort=None,
                    axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("sum(events):Q", title="events"),
            color=alt.Color("actor:N", title="actor", scale=alt.Scale(
                domain=list(colors), range=list(colors.values()))),
            tooltip=["period:O", "actor:N", "events:Q"])
        st.altair_chart(chart.properties(height=220), width="stretch")
    else:
        st.caption("No dated events to chart.")
    spans = ad.periods(all_events, freq=freq)
    labels = ["All dates"] + [ad.period_label(p) for p in spans]
    pick = st.selectbox("Show only the period", labels, key=f"period{gen}-{freq}",
                        help="Narrows the map, the table and the exports to one "
                             f"{freq} of the timeline.")
    return None if pick == "All dates" else spans[labels.index(pick) - 1]


def _events_table(events: pd.DataFrame, init: ad.Initial, gen: int) -> dict[str, Any] | None:
    view = ad.table_view(events)
    ids = [str(x) for x in view["id"]]
    sig = ad.digest(",".join(ids))
    picked = st.dataframe(
        view, hide_index=True, on_select="rerun", selection_mode="single-row",
        key=f"table{gen}-{sig}", width="stretch",
        column_config={
            "date_start": st.column_config.TextColumn("from"),
            "date_end": st.column_config.TextColumn("to"),
            "date_precision": st.column_config.TextColumn("precision"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
            "id": st.column_config.TextColumn("event id"),
        })
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or [])
    options = [""] + ids
    labels = {"": "(none: whole map)"}
    labels.update({str(r["id"]): ad.event_label(r) for r in events.to_dict("records")})
    index = options.index(init.event) if init.event in options else 0
    chosen = st.selectbox("Zoom to event", options, index=index, key=f"focus{gen}-{sig}",
                          format_func=lambda v: labels.get(v, v),
                          help="Or select a row in the table.")
    if rows and rows[0] < len(ids):
        chosen = ids[rows[0]]
    row = ad.event_row(events, chosen)
    if row is not None:
        st.caption(ad.md_escape(f"Selected: {ad.event_label(row)}, highlighted on the map "
                                "above with its evidence sentence."))
    return row


def _focus_panel(row: dict[str, Any]) -> None:
    """The selected event: its label, the evidence sentence in full (as text), details."""
    with st.container(border=True):
        st.markdown(f"**{ad.md_escape(ad.event_label(row))}**")
        st.markdown(ad.md_escape(str(row.get("evidence") or "")))
        st.caption(ad.md_escape(ad.event_details(row)))


def _map(view: Extraction, filters: ad.Filters, tiles: str, layers: tuple[str, ...] | None,
         focus: dict[str, Any] | None, gen: int) -> str | None:
    key = json.dumps([st.session_state.get("fp_key"), gen, dataclasses.asdict(filters), tiles,
                      layers, focus.get("id") if focus else None], default=str)
    try:
        with st.spinner("Drawing the map…"):
            page = _map_cached(ad.digest(key), view, tiles, layers, focus)
    except FlashpointsError as err:
        st.error(ad.one_line(str(err)))
        return None
    st.iframe(page, height=MAP_HEIGHT, alt="Map of the events shown")
    if focus is not None:
        _focus_panel(focus)
    return page


def _review(data: Extraction, args: ad.AppArgs) -> None:
    st.subheader("Check places")
    gaz, _ = _resources()
    items = ad.review_items(data, gazetteer=gaz)
    if not len(items):
        st.caption("Every place mention was resolved with confidence ≥ "
                   f"{ad.LOW_CONFIDENCE}.")
        return
    st.caption("Unresolved mentions and places resolved with low confidence. A correction "
               "is saved in the store and used for every later extraction.")
    st.dataframe(items[["text", "status", "detail", "confidence"]], hide_index=True,
                 width="stretch")
    texts = list(items["text"])
    text = st.selectbox("Mention", texts, key="fix-text")
    item = items.iloc[texts.index(text)]
    labels = ad.candidate_labels(item["candidates"], gaz)
    how = st.radio("Correct it with", ["a gazetteer place", "latitude/longitude"],
                   horizontal=True, key="fix-how",
                   index=0 if labels else 1)
    place_id = lat = lon = None
    name = ""
    if how == "a gazetteer place":
        if not labels:
            st.caption("No gazetteer candidates for this mention: enter coordinates.")
        else:
            place_id = st.selectbox("Candidate", list(labels), key="fix-place",
                                    format_func=lambda v: labels.get(v, v))
    else:
        c1, c2, c3 = st.columns(3)
        lat0, lon0 = ad.as_number(item["lat"]) or 0.0, ad.as_number(item["lon"]) or 0.0
        lat = c1.number_input("Latitude", min_value=-90.0, max_value=90.0, value=lat0,
                              format="%.4f", key=f"fix-lat-{text}")
        lon = c2.number_input("Longitude", min_value=-180.0, max_value=180.0, value=lon0,
                              format="%.4f", key=f"fix-lon-{text}")
        name = c3.text_input("Name (optional)", value=str(text), key=f"fix-name-{text}")
    disabled = how == "a gazetteer place" and place_id is None
    if st.button("Save correction", key="fix-save", disabled=disabled):
        try:
            ad.save_correction(args.db, str(text), place_id=place_id, lat=lat, lon=lon,
                               name=name or None)
        except FlashpointsError as err:
            st.error(ad.one_line(str(err)))
            return
        where = labels.get(place_id, "") if place_id else f"{lat:.4f}, {lon:.4f}"
        st.session_state["fp_flash"] = f"Saved: {text!r} → {where}. Extracted again with it."
        st.rerun()


def _exports(batch: ad.Batch, view: Extraction, page: str | None) -> None:
    st.subheader("Export")
    st.caption("Snapshots of what is shown: the filtered map and events.")
    arts = batch.articles
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button("HTML map", page or "", file_name=ad.export_name(arts, ".html"),
                       mime="text/html", disabled=page is None, key="dl-html",
                       on_click="ignore")
    c2.download_button("GeoJSON", ad.export_geojson(view),
                       file_name=ad.export_name(arts, ".geojson"),
                       mime="application/geo+json", key="dl-geojson", on_click="ignore")
    c3.download_button("CSV", ad.export_csv(view), file_name=ad.export_name(arts, ".csv"),
                       mime="text/csv", key="dl-csv", on_click="ignore")
    state = st.session_state
    sig = ad.digest(page or "")
    png = state.get("fp_png")
    if png and png[0] == sig:
        c4.download_button("PNG", png[1], file_name=ad.export_name(arts, ".png"),
                           mime="image/png", key="dl-png", on_click="ignore")
    elif c4.button("Render PNG", key="png", disabled=page is None,
                   help="Takes a picture of the map with headless Chromium."):
        try:
            with st.spinner("Rendering with Chromium…"):
                state["fp_png"] = (sig, ad.export_png(page or ""))
        except FlashpointsError as err:
            st.error(ad.one_line(str(err)))
        else:
            st.rerun()
