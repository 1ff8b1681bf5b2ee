-- The factsheet's own filter, run by Quarto (as the extension's filter) and by the pandoc
-- fallback (--lua-filter) alike, so that both give the same document.
--
-- 1. The data behind each figure (a div with class `figuurdata` and a `titel`) stays under
--    its figure in HTML, folded in a <details> block; in PDF and Word, where nothing folds,
--    the tables move to the appendix div `.bijlage-figuurgegevens`, which HTML drops.
-- 2. In Typst, every image carries its alt text (`fig-alt`, else `alt`) into the PDF's
--    structure tree (pandoc's Typst writer drops it), and figures and captioned tables are
--    written here, by pandoc's Typst writer, as raw Typst: Quarto would drop the caption of
--    a table that has no cross-reference label, and both renderers now give the same markup.
--    Only long tables may break over pages.
-- 3. In HTML, a figure sits in a focusable, labelled box that scrolls sideways on a narrow
--    screen (factsheet.css), so the text in the figure stays readable at phone width.
-- 4. Column widths of every table are set here (table_widths).
-- 5. In Word, headings are numbered here ("1. Inleiding", "2.1 ..."), as in the PDF: Quarto
--    and pandoc would number them differently ("1." against "1" and a tab).

local function is_html()
  return FORMAT:match("html") ~= nil
end

local function escape_html(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

-- Typst: an image as raw markup with its alt text.
local function typst_image(image)
  local alt = image.attributes["fig-alt"] or image.attributes["alt"] or pandoc.utils.stringify(image.caption)
  local args = typst_string(image.src)
  if alt ~= "" then
    args = args .. ", alt: " .. typst_string(alt)
  end
  return pandoc.RawInline("typst", "#box(image(" .. args .. "))")
end

local function without_caption(blocks)
  return pandoc.Blocks(blocks):walk({
    Table = function(tbl)
      tbl.caption = pandoc.Caption()
      return tbl
    end,
  })
end

-- Column widths, decided here for every table and both renderers: HTML and Typst size
-- columns to their content themselves (a width pandoc takes from a long source line would
-- squeeze codes that cannot wrap); Word needs widths, so they follow each column's longest
-- cell (long texts, which wrap, count as WORD_WRAP characters) plus room for the cell's
-- padding, and a narrow table stays narrow.
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

local function figure_data(doc)
  local moved = pandoc.Blocks({})
  doc = doc:walk({
    Div = function(div)
      if not div.classes:includes("figuurdata") then
        return nil
      end
      if is_html() then
        local summary = escape_html(div.attributes["titel"] or "Gegevens")
        local details = pandoc.Blocks({
          pandoc.RawBlock("html", '<details class="figuurdata"><summary>' .. summary .. "</summary>"),
        })
        details:extend(without_caption(div.content))
        details:insert(pandoc.RawBlock("html", "</details>"))
        return details
      end
      moved:extend(div.content)
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

-- "1." for a chapter, "2.1" below it: the numbering of the PDF (typst-template.typ).
local function number_headings(doc)
  local counters = {}
  return doc:walk({
    Header = function(header)
      if header.classes:includes("unnumbered") then
        return nil
      end
      counters[header.level] = (counters[header.level] or 0) + 1
      for level = header.level + 1, 6 do
        counters[level] = nil
      end
      local parts = {}
      for level = 1, header.level do
        parts[level] = tostring(counters[level] or 0)
      end
      local number = table.concat(parts, ".") .. (header.level == 1 and "." or "")
      header.content:insert(1, pandoc.Space())
      header.content:insert(1, pandoc.Str(number))
      return header
    end,
  })
end

-- The label of the scroll box: the caption up to its colon ("Figuur 1").
local function html_figure(figure)
  local caption = pandoc.utils.stringify(figure.caption.long)
  local label = caption:match("^([^:]+):") or caption
  -- attributes as a list of pairs: a Lua table keyed by name has no fixed order
  local attributes = { { "tabindex", "0" }, { "role", "region" }, { "aria-label", label } }
  return pandoc.Div({ figure }, pandoc.Attr("", { "figuur-beeld" }, attributes))
end

function Pandoc(doc)
  doc = doc:walk({ Table = table_widths })
  doc = figure_data(doc)
  if is_html() then
    doc = doc:walk({ Figure = html_figure })
  end
  if FORMAT == "docx" then
    doc = number_headings(doc)
  end
  if FORMAT == "typst" then
    doc = doc:walk({ Image = typst_image })
    doc = doc:walk({
      Figure = typst_block,
      Table = typst_table,
    })
  end
  return doc
end
