"""The template filled in: the resolved source, with every traced number as its span."""

from __future__ import annotations

from pathlib import Path

from .dutch import aantal, capitalised, ranked_phrase, tel, vorm
from .printed_numbers import markup


def render_source(template_dir: Path, template_name: str, context: dict) -> str:
    """Fill the Jinja2 template; an unknown variable is an error, never an empty string."""
    import jinja2
    import yaml

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        # a traced number is written as its span, wherever the template prints it
        finalize=markup,
        # '{#' starts a Markdown attribute ({#fig:kaart}), so Jinja comments are {## ... ##}
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(tel=tel, aantal=aantal, vorm=vorm, opsomming=ranked_phrase, hoofdletter=capitalised)
    env.filters["yaml"] = lambda value: yaml.safe_dump(
        value, allow_unicode=True, sort_keys=True, default_flow_style=False, width=1000
    ).rstrip()
    return env.get_template(template_name).render(**context)
