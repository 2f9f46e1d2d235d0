"""Form controls with names a screen reader announces: radio and checkbox groups as fieldsets, labelled sliders.

Dash 4 draws dcc.RadioItems and dcc.Checklist as a listbox of `label role="option"` elements with the native input
inside, so an interactive element sits in another (axe: nested-interactive, aria-allowed-role) and the group has no
name. Here the group is a <fieldset> named by its <legend>, and assets/a11y.js takes the listbox and option roles
off Dash's markup, which leaves native radios and checkboxes in their labels (the plain HTML pattern). Why not the
Bootstrap components, which draw that markup themselves: their script is 62 KiB gzipped on every first load.
"""

from __future__ import annotations

from dash import dcc, html


def choice_group(component_id: str, legend: str, options: list[dict], value, *, multi: bool = False, **extra):
    """A radio group (or, with `multi`, a checkbox group) named by its legend; the value is read as before."""
    kind = dcc.Checklist if multi else dcc.RadioItems
    extra = {"inline": True, "inputClassName": "me-1", "labelClassName": "me-3", **extra}
    return html.Fieldset(
        [html.Legend(legend, className="atlas-legend"), kind(id=component_id, options=options, value=value, **extra)],
        className="atlas-fieldset",
    )


def labelled(label_id: str, child, **attributes):
    """A wrapper whose Dash control inside (a slider's thumb and year box, a dropdown) is named by `label_id`.

    Dash does not pass aria attributes through to those inner elements; assets/a11y.js links them on render.
    """
    return html.Div(child, **{"data-labelledby": label_id}, **attributes)


def pressed(clicks) -> bool:
    """Whether any of a pattern-matched group of buttons was pressed (n_clicks as sent: anything, if forged)."""
    return isinstance(clicks, list) and any(isinstance(c, int) and c > 0 for c in clicks)
