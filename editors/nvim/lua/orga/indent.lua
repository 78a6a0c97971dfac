-- indentexpr for Orga: the previous code line's indent, one shiftwidth more
-- for each '{' it leaves open, one less when the current line starts with '}'.
local M = {}

-- Net number of braces a line opens, ignoring strings and comments.
-- `depth` is the block-comment nesting depth at the start of the line;
-- returns (net, depth at the end of the line).
local function scan(line, depth)
  local net, i, n = 0, 1, #line
  while i <= n do
    local c, two = line:sub(i, i), line:sub(i, i + 1)
    if depth > 0 then
      if two == "/*" then
        depth, i = depth + 1, i + 2
      elseif two == "*/" then
        depth, i = depth - 1, i + 2
      else
        i = i + 1
      end
    elseif two == "//" then
      break
    elseif two == "/*" then
      depth, i = depth + 1, i + 2
    elseif c == '"' then
      i = i + 1
      while i <= n do
        local d = line:sub(i, i)
        if d == "\\" then
          i = i + 2
        elseif d == '"' then
          break
        else
          i = i + 1
        end
      end
      i = i + 1
    else
      if c == "{" then
        net = net + 1
      elseif c == "}" then
        net = net - 1
      end
      i = i + 1
    end
  end
  return net, depth
end

-- Block-comment depth at the start of line `lnum` (counted from the top).
local function comment_depth(lnum)
  local depth = 0
  for l = 1, lnum - 1 do
    local _
    _, depth = scan(vim.fn.getline(l), depth)
  end
  return depth
end

function M.get(lnum)
  lnum = lnum or vim.v.lnum
  local prev = vim.fn.prevnonblank(lnum - 1)
  if prev == 0 then
    return 0
  end
  local sw = vim.fn.shiftwidth()
  local depth = comment_depth(prev)
  local net, depth_after = scan(vim.fn.getline(prev), depth)
  if depth_after > 0 then
    return vim.fn.indent(prev) -- inside a block comment: line up with its start
  end
  local prev_line = vim.fn.getline(prev)
  -- A line starting with '}' was already dedented: do not count that brace twice.
  if prev_line:match("^%s*}") then
    net = net + 1
  end
  local indent = vim.fn.indent(prev) + sw * net
  if vim.fn.getline(lnum):match("^%s*}") then
    indent = indent - sw
  end
  return math.max(indent, 0)
end

return M
