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
-- 3. In Word, headings are numbered here ("1. Inleiding", "2.1 ..."), as in the PDF: Quarto
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

-- "1." for a chapter, "2.1" below it: the numbering of the PDF (typst-template.typ).
local function number_headings(doc)
  local counters = {}
  return doc:walk({
    Header = function(header)
      if header.classes:includes("unnumbered") then
        return nil
      end
      counters[header.level] = (counters[header.level] or 0) + 1
      for level = header.level + 1, #counters do
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

function Pandoc(doc)
  doc = figure_data(doc)
  if FORMAT == "docx" then
    doc = number_headings(doc)
  end
  if FORMAT == "typst" then
    doc = doc:walk({ Image = typst_image })
    doc = doc:walk({
      Figure = typst_block,
      Table = function(tbl)
        if #tbl.caption.long > 0 then
          return typst_block(tbl)
        end
      end,
    })
  end
  return doc
end
