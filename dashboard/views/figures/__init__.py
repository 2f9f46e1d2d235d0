"""Pure figure builders: data and state in, a plotly figure dict out; no I/O, no Dash."""
