"""Component ids, in one place, so that pages, callbacks and browser tests agree."""

URL = "url"
# Each page has its own dcc.Location (added by the shell): a page's callbacks listen to it, so that no callback
# of another page fires on an address change and names inputs that are not on the page (Dash's ReferenceError).
MAP_LOCATION = "map-location"
TIMELINE_LOCATION = "timeline-location"
MANDATES_LOCATION = "mandates-location"
OVERLAPS_LOCATION = "overlaps-location"
PAGE_LOCATION = {
    "map": MAP_LOCATION,
    "timeline": TIMELINE_LOCATION,
    "mandates": MANDATES_LOCATION,
    "overlaps": OVERLAPS_LOCATION,
}


def leaving(pathname, view: str) -> bool:
    """Whether a page's Location now points at another page (an in-app link was followed): its callbacks then
    send nothing, for the page they would update is being replaced."""
    if not isinstance(pathname, str):
        return False
    parts = [p for p in pathname.split("/") if p]
    return (parts[0] if parts else "map") != view


PAGE = "page"
NOTICES = "notices"
NAV = "nav"
LANG_MENU = "lang-menu"  # the language menu in the header; its links are lang-menu-en, -fr, -es
MAIN = "main"
TITLE = "atlas-title"  # the view's title and language, for document.title and <html lang>
TITLE_SET = "atlas-title-set"
LIVE = "atlas-live"  # polite announcements from assets/a11y.js ("Copied")
FOCUS = "atlas-focus"  # where focus went after a change of page

MAP_GRAPH = "map-graph"
MAP_PROCESSES = "map-processes"
MAP_GROUP = "map-group"
MAP_ISSUES = "map-issues"
MAP_ROLE = "map-role"
MAP_YEAR = "map-year"
MAP_YEAR_ERROR = "map-year-error"  # a typed year the map cannot show, refused in words
MAP_PLAY = "map-play"
MAP_LAYERS = "map-layers"
MAP_THEME = "map-theme"
MAP_ZOOM = "map-zoom"
MAP_PANEL = "map-panel"
MAP_PROFILE = "map-profile"
MAP_TABLE = "map-table"
MAP_TABLE_SECTION = "map-table-section"  # the table with its heading: where "Show the data as a table" leads
MAP_YEAR_LIVE = "map-year-live"  # announces the year while Play runs
MAP_COUNTRY = "map-country"  # pattern-matching type: a country's name in the table, a button opening its profile
MAP_STATE = "map-state"
MAP_CLOSE_PROFILE = "map-close-profile"
MAP_PAGE = "map-page"
MAP_COMPARE_ON = "map-compare-on"
MAP_COMPARE_YEAR = "map-compare-year"
MAP_MATCH = "map-match"
# year steps in the browser (dashboard/web/pages/map_years.py, assets/map_years.js)
MAP_SERIES = "map-series"  # every year's fills for the selection
MAP_SELECTION = "map-selection"  # the selection the series is for (the state without year and country)
MAP_SETTLED = "map-settled"  # set by the browser when the year has rested: the server then completes the map
MAP_URL = "map-url"  # an address the browser cannot draw from the series: the server's
MAP_PAINTED = "map-painted"  # set by the browser once the first map is on screen: what it did not need follows

# export control (dashboard/pages/export_controls.py), shared by every view
EXPORT_PANEL = "export-panel"
EXPORT_FORMAT = "export-format"
EXPORT_PRESET = "export-preset"
EXPORT_WIDTH = "export-width"
EXPORT_HEIGHT = "export-height"
EXPORT_SCALE = "export-scale"
EXPORT_SLIDE = "export-slide"
EXPORT_DOWNLOAD = "export-download"
EXPORT_LINK = "export-link"
EXPORT_EMBED = "export-embed"
EXPORT_FROM = "export-from"
EXPORT_TO = "export-to"
EXPORT_PROGRESS = "export-progress"

MANDATES_PAGE = "mandates-root"
MANDATES_STATE = "mandates-state"
MANDATES_ORGS = "mandates-orgs"
MANDATES_ISSUES = "mandates-issues"
MANDATES_YEAR = "mandates-year"
MANDATES_THEME = "mandates-theme"
MANDATES_NOTES = "mandates-notes"
MANDATES_GRAPH = "mandates-graph"
MANDATES_DETAIL = "mandates-detail"
MANDATES_COMPARE = "mandates-compare"
MANDATES_PROCESS_GRAPH = "mandates-process-graph"
MANDATES_PROCESS_DETAIL = "mandates-process-detail"
MANDATES_PROCESS_KEY = "mandates-process-key"
MANDATES_PROCESS_PAGE = "mandates-process-page"  # which page of a process matrix longer than PROCESS_ROWS
MANDATES_PROCESS_PAGER = "mandates-process-pager"
MANDATES_PROCESS_STEP = "mandates-process-step"  # pattern-matching type of its Previous / Next buttons
MANDATES_TABLE_BOX = "mandates-table-box"  # the toggle that shows the organisation matrix as a table
MANDATES_TABLE = "mandates-table"
MANDATES_PROCESS_TABLE_BOX = "mandates-process-table-box"
MANDATES_PROCESS_TABLE = "mandates-process-table"

TIMELINE_PAGE = "timeline-root"
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_ISSUES = "timeline-issues"
TIMELINE_REGIONS = "timeline-regions"
TIMELINE_KINDS = "timeline-kinds"
TIMELINE_THEME = "timeline-theme"
TIMELINE_STATE = "timeline-state"
TIMELINE_SELECTED = "timeline-selected"
TIMELINE_DETAILS = "timeline-details"
TIMELINE_TABLE = "timeline-table"
TIMELINE_TABLE_BOX = "timeline-table-box"
TIMELINE_TABLE_PAGE = "timeline-table-page"

OVERLAPS_STATE = "overlaps-state"
OVERLAPS_GRAPH = "overlaps-graph"
OVERLAPS_YEAR = "overlaps-year"
OVERLAPS_PROCESSES = "overlaps-processes"
OVERLAPS_ISSUES = "overlaps-issues"
OVERLAPS_REGIONS = "overlaps-regions"
OVERLAPS_KINDS = "overlaps-kinds"
OVERLAPS_ROLE = "overlaps-role"
OVERLAPS_THEME = "overlaps-theme"
OVERLAPS_PAIRS = "overlaps-pairs"
OVERLAPS_PAGE = "overlaps-page"

DECK_STORE = "deck-store"  # the basket's view addresses, in slide order, kept in the browser (localStorage)
DECK_ADD = "deck-add"
DECK_PANEL = "deck-panel"
DECK_SUMMARY = "deck-summary"
DECK_LIST = "deck-list"
DECK_STATUS = "deck-status"
DECK_SAID = "deck-said"
DECK_DOWNLOAD = "deck-download"
DECK_PROGRESS = "deck-progress"
DECK_HTML = "deck-html"
DECK_PRESENT = "deck-present"
DECK_CLEAR = "deck-clear"
DECK_REMOVE = "deck-remove"  # pattern-matching type: a slide's Remove button
DECK_UP = "deck-up"  # pattern-matching type: a slide's Move up button
