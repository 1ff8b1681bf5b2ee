-- The factsheet's own filter, run by Quarto (as the extension's filter) and by the pandoc
-- fallback (--lua-filter) alike, so that both give the same document. In order:
--
-- 1. Numbering and cross-references, in every format: figures `{#fig:...}`, tables
--    `{#tbl:...}`, text boxes `::: {#box:... .tekstbox titel="..."}` and sections
--    `{#sec:...}` are numbered in document order ("Figuur 1: ...", "Tabel 1: ...",
--    "Tekstbox 1: ..."); `@fig:x` becomes "figuur 1" (`@Fig:x`: "Figuur 1"), `@tbl:x` "tabel 1",
--    `@box:x` "tekstbox 1", `@sec:x` "hoofdstuk 2" or "paragraaf 2.1" (or the heading's
--    `verwijzing`; a heading with class `bijlage` becomes "Bijlage N: ..." and "bijlage N"). The syntax is pandoc-crossref's; Quarto would take
--    `fig-` labels for its own floats, which pandoc cannot do. An unknown label is an error.
--    Headings below level 2 are not numbered, and none skips a level.
-- 2. The data behind each figure (a div `.figuurdata` with the figure's label in `figuur`)
--    stays under its figure in HTML, folded in a <details> block; in PDF and Word, where
--    nothing folds, the tables move to the appendix div `.bijlage-figuurgegevens`, which HTML
--    drops.
-- 3. Column widths of every table (table_widths).
-- 4. HTML: a figure, and a numbered table, sits in a focusable, labelled box that scrolls
--    sideways on a narrow screen (factsheet.css), so its text stays readable at phone width
--    and the page itself never scrolls sideways (WCAG 1.4.10, checked at 320 px).
-- 5. Word: headings numbered here ("1. Inleiding", "2.1 ..."), as in the PDF (Quarto and
--    pandoc would number them differently); text boxes get the style "Tekstbox".
-- 6. Typst: every image carries its alt text into the PDF's structure tree (pandoc's Typst
--    writer drops it), figures and captioned tables are written here by pandoc's Typst
--    writer as raw Typst (Quarto would drop the caption of a table without a `tbl-` label;
--    now both renderers give the same markup), only long tables may break over pages, and a
--    text box is the template's `tekstbox` block.
-- 7. Traced numbers: a span `[49]{.getal bron="..."}` (the template writes one for every number
--    it prints) becomes, in HTML, a focusable number whose source shows on hover and on
--    keyboard focus (factsheet.css) and is its accessible description; in PDF and Word it is
--    the plain number. Runs first, so no other step sees the spans.

local function is_html()
  return FORMAT:match("html") ~= nil
end

local function escape_html(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

-- 1. Numbering and cross-references ---------------------------------------------------------------

local KINDS = {
  fig = { label = "figuur" },
  tbl = { label = "tabel" },
  box = { label = "tekstbox" },
}

local function capitalised(text)
  return text:sub(1, 1):upper() .. text:sub(2)
end

-- The next section number at `level` ("2.1"), counting in `counters` (levels 1 and 2 only
-- are numbered, as the writers show them).
local function next_section(counters, level)
  counters[level] = (counters[level] or 0) + 1
  for deeper = level + 1, 6 do
    counters[deeper] = nil
  end
  local parts = {}
  for upper = 1, level do
    parts[upper] = tostring(counters[upper] or 0)
  end
  return table.concat(parts, ".")
end

-- Quarto reads a table caption's `{#tbl:x}` as text (it parses only its own `tbl-` labels):
-- take the label from the caption, as pandoc does.
local function take_caption_label(tbl)
  local caption = tbl.caption.long[1]
  if tbl.identifier ~= "" or not caption then
    return
  end
  local last = caption.content[#caption.content]
  local label = last and last.t == "Str" and last.text:match("^{#(tbl:[^}]+)}$")
  if label then
    caption.content:remove(#caption.content)
    while #caption.content > 0 and caption.content[#caption.content].t == "Space" do
      caption.content:remove(#caption.content)
    end
    tbl.identifier = label
  end
end

local function number_targets(doc)
  local targets, counts = {}, { fig = 0, tbl = 0, box = 0 }
  local function add(id, kind)
    if id == "" or not id:match("^" .. kind .. ":") then
      return nil
    end
    counts[kind] = counts[kind] + 1
    targets[id] = { kind = kind, number = tostring(counts[kind]) }
    return targets[id]
  end
  -- Headings below level 2 are not numbered; and a heading is at most one level below the one
  -- before it (an accessible PDF, and a screen reader's outline, may not skip a level: a
  -- "###" right under a chapter becomes a level-2 heading, still unnumbered).
  local previous = 0
  doc = doc:walk({
    Header = function(header)
      if header.level > 2 then
        header.classes:insert("unnumbered")
      end
      header.level = math.min(header.level, previous + 1)
      previous = header.level
      return header
    end,
  })
  local counters, appendices = {}, 0
  doc = doc:walk({
    Header = function(header)
      local text = header.attributes["verwijzing"]  -- how a reference names an unnumbered heading
      header.attributes["verwijzing"] = nil
      if header.classes:includes("bijlage") then -- "Bijlage 1: Methoden", referred to as "bijlage 1"
        appendices = appendices + 1
        header.classes:insert("unnumbered")
        header.content:insert(1, pandoc.Str("Bijlage " .. appendices .. ": "))
        text = "bijlage " .. appendices
      end
      if not header.classes:includes("unnumbered") then
        local number = next_section(counters, header.level)
        text = text or ((header.level == 1 and "hoofdstuk " or "paragraaf ") .. number)
      end
      if header.identifier:match("^sec:") then
        if not text then
          error("een verwijzing naar " .. header.identifier .. " heeft geen nummer: geef de kop een attribuut verwijzing")
        end
        targets[header.identifier] = { kind = "sec", text = text }
      end
      return header
    end,
    Figure = function(figure)
      local target = add(figure.identifier, "fig")
      if target then
        local caption = figure.caption.long[1]
        caption.content:insert(1, pandoc.Str("Figuur " .. target.number .. ": "))
        target.caption = pandoc.utils.stringify(figure.caption.long):gsub("^Figuur %d+: ", "")
      end
      return figure
    end,
    Table = function(tbl)
      take_caption_label(tbl)
      local target = add(tbl.identifier, "tbl")
      if target and #tbl.caption.long > 0 then
        tbl.caption.long[1].content:insert(1, pandoc.Str("Tabel " .. target.number .. ": "))
      end
      return tbl
    end,
    Div = function(div)
      local target = add(div.identifier, "box")
      if target then
        local title = div.attributes["titel"] or ""
        div.attributes["titel"] = nil
        div.content:insert(1, pandoc.Para({ pandoc.Strong({ pandoc.Str("Tekstbox " .. target.number .. ": " .. title) }) }))
      end
      return div
    end,
  })
  return doc, targets
end

local function resolve_references(doc, targets)
  return doc:walk({
    Cite = function(cite)
      if #cite.citations ~= 1 then
        return nil
      end
      local id = cite.citations[1].id
      local kind = id:match("^(%a+):")
      if not kind or not (KINDS[kind:lower()] or kind:lower() == "sec") then
        return nil -- a citation of a source: for citeproc
      end
      local key = kind:lower() .. id:sub(#kind + 1)
      local target = targets[key]
      if not target then
        error("onbekende verwijzing @" .. id .. ": er is geen figuur, tabel, tekstbox of kop met label " .. key)
      end
      local text = target.kind == "sec" and target.text or (KINDS[target.kind].label .. " " .. target.number)
      if kind:sub(1, 1):match("%u") then
        text = capitalised(text)
      end
      return pandoc.Link(pandoc.Inlines(text), "#" .. key)
    end,
  })
end

-- 2. The data behind each figure ------------------------------------------------------------------

local function without_caption(blocks)
  return pandoc.Blocks(blocks):walk({
    Table = function(tbl)
      tbl.caption = pandoc.Caption()
      return tbl
    end,
  })
end

local function figure_data(doc, targets)
  local moved = pandoc.Blocks({})
  doc = doc:walk({
    Div = function(div)
      if not div.classes:includes("figuurdata") then
        return nil
      end
      local figure = targets[div.attributes["figuur"] or ""]
      if not figure then
        error("gegevens bij een onbekende figuur: " .. tostring(div.attributes["figuur"]))
      end
      local title = "Gegevens bij figuur " .. figure.number
      if is_html() then
        local details = pandoc.Blocks({
          pandoc.RawBlock("html", '<details class="figuurdata"><summary>' .. escape_html(title) .. "</summary>"),
        })
        details:extend(without_caption(div.content))
        details:insert(pandoc.RawBlock("html", "</details>"))
        return details
      end
      moved:extend(pandoc.Blocks(div.content):walk({
        Table = function(tbl)
          tbl.caption = pandoc.Caption({ pandoc.Plain(pandoc.Inlines(title .. ": " .. figure.caption)) })
          return tbl
        end,
      }))
      return {}
    end,
  })
  return doc:walk({
    Div = function(div)
      if not div.classes:includes("bijlage-figuurgegevens") then
        return nil
      end
      if is_html() or #moved == 0 then
        return {}
      end
      local content = pandoc.Blocks(div.content)
      content:extend(moved)
      return content
    end,
  })
end

-- 3. Column widths: HTML and Typst size columns to their content themselves (a width pandoc
-- takes from a long source line would squeeze codes that cannot wrap); Word needs widths, so
-- they follow each column's longest cell (long texts, which wrap, count as WORD_WRAP
-- characters) plus room for the cell's padding, and a narrow table stays narrow.

local WORD_WRAP, WORD_PADDING, WORD_LINE = 30, 3, 80

-- Per column: its longest cell in characters (at most WORD_WRAP), plus the padding.
local function column_lengths(tbl)
  local lengths = {}
  for i = 1, #tbl.colspecs do
    lengths[i] = 1 + WORD_PADDING
  end
  local function measure(rows)
    for _, row in ipairs(rows) do
      for i, cell in ipairs(row.cells) do
        local length = utf8.len(pandoc.utils.stringify(cell.contents)) or 0
        lengths[i] = math.max(lengths[i], math.min(length, WORD_WRAP) + WORD_PADDING)
      end
    end
  end
  measure(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    measure(body.body)
  end
  return lengths
end

local function table_widths(tbl)
  local lengths = column_lengths(tbl)
  local total = 0
  for _, length in ipairs(lengths) do
    total = total + length
  end
  for i, spec in ipairs(tbl.colspecs) do
    local width = FORMAT == "docx" and lengths[i] / math.max(total, WORD_LINE) or pandoc.ColWidthDefault
    tbl.colspecs[i] = { spec[1], width }
  end
  return tbl
end

-- 4. HTML ------------------------------------------------------------------------------------------

-- The scroll box around a figure or table, labelled by its caption up to the colon ("Figuur 1").
local function scroll_box(block, class)
  local caption = pandoc.utils.stringify(block.caption.long)
  local label = caption:match("^([^:]+):") or caption
  -- attributes as a list of pairs: a Lua table keyed by name has no fixed order
  local attributes = { { "tabindex", "0" }, { "role", "region" }, { "aria-label", label } }
  return pandoc.Div({ block }, pandoc.Attr("", { class }, attributes))
end

local function html_figure(figure)
  return scroll_box(figure, "figuur-beeld")
end

-- A numbered table (it has a caption); the data under a figure has none and scrolls in its <details>.
local function html_table(tbl)
  if #tbl.caption.long == 0 then
    return nil
  end
  return scroll_box(tbl, "tabel-kader")
end

-- 5. Word ------------------------------------------------------------------------------------------

-- "1." for a chapter, "2.1" below it: the numbering of the PDF (typst-template.typ).
local function number_headings(doc)
  local counters = {}
  return doc:walk({
    Header = function(header)
      if header.classes:includes("unnumbered") then
        return nil
      end
      local number = next_section(counters, header.level)
      header.content:insert(1, pandoc.Space())
      header.content:insert(1, pandoc.Str(number .. (header.level == 1 and "." or "")))
      return header
    end,
  })
end

local function is_box(div)
  return div.classes:includes("tekstbox") or div.classes:includes("voorbeeld")
end

-- A text box's title (the first paragraph numbering put there) stays with what follows it.
local function box_title(div)
  local first = div.content[1]
  if div.classes:includes("tekstbox") and first and first.t == "Para" then
    return first
  end
end

local function word_box(div)
  if is_box(div) then
    div.attributes["custom-style"] = "Tekstbox"
    if box_title(div) then
      div.content[1] = pandoc.Div({ div.content[1] }, pandoc.Attr("", {}, { ["custom-style"] = "Tekstboxtitel" }))
    end
    return div
  end
end

-- 6. Typst -----------------------------------------------------------------------------------------

-- An image as raw markup with its alt text.
local function typst_image(image)
  local alt = image.attributes["fig-alt"] or image.attributes["alt"] or pandoc.utils.stringify(image.caption)
  local args = typst_string(image.src)
  if alt ~= "" then
    args = args .. ", alt: " .. typst_string(alt)
  end
  return pandoc.RawInline("typst", "#box(image(" .. args .. "))")
end

local function typst_block(block)
  return pandoc.RawBlock("typst", pandoc.write(pandoc.Pandoc({ block }), "typst"))
end

-- A table stays in one piece on its page, unless it is long: then it may run over pages,
-- repeating its header row (typst-template.typ).
local LONG_TABLE_ROWS = 15

local function typst_table(tbl)
  if #tbl.caption.long == 0 then
    return nil
  end
  local rows = 0
  for _, body in ipairs(tbl.bodies) do
    rows = rows + #body.body
  end
  local markup = pandoc.write(pandoc.Pandoc({ tbl }), "typst")
  if rows > LONG_TABLE_ROWS then
    markup = "#[\n#show figure: set block(breakable: true)\n" .. markup .. "\n]"
  end
  return pandoc.RawBlock("typst", markup)
end

local function typst_box(div)
  if not is_box(div) then
    return nil
  end
  local label = div.identifier ~= "" and (" <" .. div.identifier .. ">") or ""
  local blocks = pandoc.Blocks({ pandoc.RawBlock("typst", "#tekstbox[") })
  if box_title(div) then
    blocks:extend({ pandoc.RawBlock("typst", "#block(sticky: true)["), div.content:remove(1),
                    pandoc.RawBlock("typst", "]") })
  end
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock("typst", "]" .. label))
  return blocks
end

-- 7. Traced numbers --------------------------------------------------------------------------------

local function traced_numbers(doc)
  local count = 0
  return doc:walk({
    Span = function(span)
      if not span.classes:includes("getal") then
        return nil
      end
      if not is_html() then
        return span.content
      end
      count = count + 1
      local id = "getal-" .. count
      local inlines = pandoc.Inlines({
        pandoc.RawInline("html", '<span class="getal" tabindex="0" aria-describedby="' .. id .. '">'),
      })
      inlines:extend(span.content)
      inlines:insert(pandoc.RawInline("html", '<span class="getal-bron" role="tooltip" id="' .. id .. '">'
        .. escape_html(span.attributes["bron"] or "") .. "</span></span>"))
      return inlines
    end,
  })
end

function Pandoc(doc)
  doc = traced_numbers(doc)
  local targets
  doc, targets = number_targets(doc)
  doc = resolve_references(doc, targets)
  doc = doc:walk({ Table = table_widths })
  doc = figure_data(doc, targets)
  if is_html() then
    doc = doc:walk({ Figure = html_figure, Table = html_table })
  end
  if FORMAT == "docx" then
    doc = number_headings(doc)
    doc = doc:walk({ Div = word_box })
  end
  if FORMAT == "typst" then
    doc = doc:walk({ Image = typst_image })
    doc = doc:walk({ Figure = typst_block, Table = typst_table })
    doc = doc:walk({ Div = typst_box })
  end
  return doc
end
